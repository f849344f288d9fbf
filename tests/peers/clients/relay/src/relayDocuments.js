// Read by the Relay compiler only (no Babel plugin at run time): relay.mjs imports the generated artifacts.
import { graphql } from 'relay-runtime';

graphql`
  query relayDocumentsChannelQuery($handle: String!) {
    channel(handle: $handle) {
      id
      handle
      ...relayDocuments_channel
    }
  }
`;

graphql`
  fragment relayDocuments_channel on Channel
  @argumentDefinitions(count: { type: "Int", defaultValue: 2 }, cursor: { type: "String" })
  @refetchable(queryName: "relayDocumentsChannelVideosPaginationQuery") {
    videos(first: $count, after: $cursor) @connection(key: "relayDocuments_videos") {
      totalCount
      edges {
        node {
          id
          title
        }
      }
    }
  }
`;

graphql`
  fragment relayDocuments_video on Video @refetchable(queryName: "relayDocumentsVideoRefetchQuery") {
    id
    title
    viewCount
  }
`;
