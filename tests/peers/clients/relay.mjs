// relay-runtime with artifacts from the real Relay compiler (relay-compiler, run here on relay/src against our
// schema.graphql): a connection page and the next one through the @refetchable pagination query (which Relay sends as
// node(id:)), then a video refetched by node(id:). Prints one JSON line with what the Relay store holds.
// node clients/relay.mjs <graphql url> <channel handle> <video id>
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Environment, Network, RecordSource, Store, fetchQuery, getSelector, createOperationDescriptor, getRequest } from 'relay-runtime';

const [url, handle, videoId] = process.argv.slice(2);
const here = join(dirname(fileURLToPath(import.meta.url)), 'relay');
const generated = join(here, '__generated__');
mkdirSync(generated, { recursive: true });
execFileSync(join(here, '../../node_modules/.bin/relay-compiler'), ['relay.config.json'], { cwd: here, stdio: 'ignore' });
// The compiler writes extensionless imports; Node's ES module loader needs the extension.
for (const file of readdirSync(generated)) {
  const path = join(generated, file);
  writeFileSync(path, readFileSync(path, 'utf8').replace(/from '(\.\/[^']+\.graphql)';/g, "from '$1.js';"));
}
const artifact = async (name) => (await import(pathToFileURL(join(generated, `${name}.graphql.js`)).href)).default;
const ChannelQuery = await artifact('relayDocumentsChannelQuery');
const ChannelFragment = await artifact('relayDocuments_channel');
const PaginationQuery = await artifact('relayDocumentsChannelVideosPaginationQuery');
const VideoRefetchQuery = await artifact('relayDocumentsVideoRefetchQuery');
const VideoFragment = await artifact('relayDocuments_video');

const sent = [];
const network = Network.create(async (params, variables) => {
  sent.push(params.name);
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query: params.text, variables, operationName: params.name }),
  });
  return response.json();
});
const environment = new Environment({ network, store: new Store(new RecordSource()) });

const first = await fetchQuery(environment, ChannelQuery, { handle }).toPromise();
const read = () => environment.lookup(getSelector(ChannelFragment, first.channel)).data.videos;
const firstPage = read();
await fetchQuery(environment, PaginationQuery, {
  id: first.channel.id,
  count: 2,
  cursor: firstPage.pageInfo.endCursor,
}).toPromise();
const merged = read();

const refetched = await fetchQuery(environment, VideoRefetchQuery, { id: videoId }).toPromise();
const video = environment.lookup(getSelector(VideoFragment, refetched.node)).data;
const operation = createOperationDescriptor(getRequest(ChannelQuery), { handle });

console.log(JSON.stringify({
  sent,
  firstPage: firstPage.edges.length,
  merged: merged.edges.map((e) => e.node.title),
  totalCount: merged.totalCount,
  hasNextPage: merged.pageInfo.hasNextPage,
  video: { id: video.id, title: video.title },
  channelRecord: environment.getStore().getSource().get(first.channel.id)?.__typename,
  operationRoot: operation.root.dataID,
}));
