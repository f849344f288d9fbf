// Every GraphQL document the app sends, in one place: codegen types them (src/generated/graphql.ts) at build time.
import { gql } from '@urql/core';

export const VideoCardFields = gql`
  fragment VideoCard on Video {
    id
    title
    status
    playable
    durationSeconds
    viewCount
    likeCount
    createdAt
    thumbnails { width height url }
    channel { id handle displayName avatarUrl }
  }
`;

export const Me = gql`
  query Me {
    viewer {
      id
      email
      emailVerified
      watchHistoryPaused
      user { id handle displayName }
      channel { id handle displayName avatarUrl }
    }
  }
`;

export const Home = gql`
  query Home($search: String, $count: Int!, $signedIn: Boolean!) {
    videos(search: $search, first: $count, orderBy: NEWEST) {
      totalCount
      pageInfo { hasNextPage }
      nodes { ...VideoCard }
    }
    viewer @include(if: $signedIn) {
      id
      feed(first: 8) { totalCount nodes { ...VideoCard } }
    }
  }
  ${VideoCardFields}
`;

export const CommentFields = gql`
  fragment CommentFields on Comment {
    id
    body
    createdAt
    editedAt
    likeCount
    viewerHasLiked
    viewerCanDelete
    replyCount
    author { id handle displayName avatarUrl }
  }
`;

export const Watch = gql`
  query Watch($id: ID!, $comments: Int!) {
    video(id: $id) {
      id
      title
      description
      status
      playable
      viewCount
      likeCount
      commentCount
      viewerHasLiked
      viewerCanUpdate
      durationSeconds
      createdAt
      playback { hlsUrl }
      captions { language label url }
      storyboard { vttUrl }
      renditions { name height }
      channel { id handle displayName avatarUrl subscriberCount viewerIsSubscribed }
      comments(first: $comments) {
        totalCount
        pageInfo { hasNextPage }
        nodes {
          ...CommentFields
          replies(first: 5) { totalCount nodes { ...CommentFields } }
        }
      }
    }
  }
  ${CommentFields}
`;

export const MyPlaylists = gql`
  query MyPlaylists {
    viewer {
      id
      channel { id playlists(first: 20) { totalCount nodes { id title visibility items(first: 1) { totalCount } } } }
    }
  }
`;

export const Channel = gql`
  query Channel($handle: String!) {
    channel(handle: $handle) {
      id
      handle
      displayName
      bio
      avatarUrl
      bannerUrl
      subscriberCount
      viewerIsSubscribed
      videos(first: 12) { totalCount nodes { ...VideoCard } }
      playlists(first: 12) { totalCount nodes { id title items(first: 1) { totalCount } } }
    }
  }
  ${VideoCardFields}
`;

export const Playlist = gql`
  query Playlist($id: ID!) {
    playlist(id: $id) {
      id
      title
      description
      visibility
      viewerCanUpdate
      owner { id handle displayName }
      items(first: 24) { totalCount nodes { id position video { ...VideoCard } } }
    }
  }
  ${VideoCardFields}
`;

export const History = gql`
  query History {
    viewer {
      id
      watchHistoryPaused
      watchHistory(first: 24) { totalCount edges { watchedAt node { ...VideoCard } } }
    }
  }
  ${VideoCardFields}
`;

export const StudioVideoFields = gql`
  fragment StudioVideo on Video {
    id
    title
    description
    visibility
    status
    playable
    failureReason
    progress { stage percent }
    viewCount
    likeCount
    commentCount
    durationSeconds
    createdAt
    thumbnails { width height url }
    captions { language label url }
  }
`;

export const Studio = gql`
  query Studio {
    viewer {
      id
      emailVerified
      dashboard {
        id
        totalVideos
        totalViews
        totalLikes
        totalComments
        subscriberCount
        videos(first: 12) { totalCount nodes { ...StudioVideo } }
      }
    }
  }
  ${StudioVideoFields}
`;

export const StudioEvents = gql`
  subscription StudioEvents {
    viewerVideoEvents {
      id
      status
      playable
      failureReason
      progress { stage percent }
      video { ...StudioVideo }
    }
  }
  ${StudioVideoFields}
`;

export const Register = gql`
  mutation Register($input: RegisterInput!) { register(input: $input) { accessToken refreshToken errors { code message field } viewer { id emailVerified user { id handle displayName } } } }
`;

export const Login = gql`
  mutation Login($input: LoginInput!) { login(input: $input) { accessToken refreshToken errors { code message field } viewer { id emailVerified user { id handle displayName } } } }
`;

export const Logout = gql`
  mutation Logout { logout(input: {}) { sessionsEnded } }
`;

export const VerifyEmail = gql`
  mutation VerifyEmail($input: VerifyEmailInput!) { verifyEmail(input: $input) { errors { code message field } viewer { id emailVerified } } }
`;

export const ResendVerification = gql`
  mutation ResendVerification { requestEmailVerification(input: {}) { errors { code message field } } }
`;

export const LikeVideo = gql`
  mutation LikeVideo($input: LikeVideoInput!) { likeVideo(input: $input) { errors { code message field } video { id likeCount viewerHasLiked } } }
`;

export const UnlikeVideo = gql`
  mutation UnlikeVideo($input: UnlikeVideoInput!) {
    unlikeVideo(input: $input) { errors { code message field } video { id likeCount viewerHasLiked } }
  }
`;

export const RecordView = gql`
  mutation RecordView($input: RecordViewInput!) { recordView(input: $input) { errors { code message field } video { id viewCount } } }
`;

export const AddComment = gql`
  mutation AddComment($input: AddCommentInput!) {
    addComment(input: $input) {
      errors { code message field }
      comment { ...CommentFields }
      video { id commentCount }
      parent { id replyCount }
    }
  }
  ${CommentFields}
`;

export const DeleteComment = gql`
  mutation DeleteComment($input: DeleteCommentInput!) {
    deleteComment(input: $input) { errors { code message field } deletedCommentId video { id commentCount } parent { id replyCount } }
  }
`;

export const LikeComment = gql`
  mutation LikeComment($input: LikeCommentInput!) {
    likeComment(input: $input) { errors { code message field } comment { id likeCount viewerHasLiked } }
  }
`;

export const UnlikeComment = gql`
  mutation UnlikeComment($input: UnlikeCommentInput!) {
    unlikeComment(input: $input) { errors { code message field } comment { id likeCount viewerHasLiked } }
  }
`;

export const Subscribe = gql`
  mutation Subscribe($input: SubscribeToChannelInput!) {
    subscribeToChannel(input: $input) { errors { code message field } channel { id subscriberCount viewerIsSubscribed } }
  }
`;

export const Unsubscribe = gql`
  mutation Unsubscribe($input: UnsubscribeFromChannelInput!) {
    unsubscribeFromChannel(input: $input) { errors { code message field } channel { id subscriberCount viewerIsSubscribed } }
  }
`;

export const CreatePlaylist = gql`
  mutation CreatePlaylist($input: CreatePlaylistInput!) {
    createPlaylist(input: $input) { errors { code message field } playlist { id title visibility items(first: 1) { totalCount } } }
  }
`;

export const AddPlaylistItem = gql`
  mutation AddPlaylistItem($input: AddPlaylistItemInput!) {
    addPlaylistItem(input: $input) { errors { code message field } playlist { id items(first: 1) { totalCount } } }
  }
`;

export const RemovePlaylistItem = gql`
  mutation RemovePlaylistItem($input: RemovePlaylistItemInput!) {
    removePlaylistItem(input: $input) { errors { code message field } playlist { id items(first: 1) { totalCount } } }
  }
`;

export const CreateUpload = gql`
  mutation CreateUpload($input: CreateVideoUploadInput!) {
    createVideoUpload(input: $input) { errors { code message field } video { ...StudioVideo } upload { id tusUrl } }
  }
  ${StudioVideoFields}
`;

export const UpdateVideo = gql`
  mutation UpdateVideo($input: UpdateVideoInput!) { updateVideo(input: $input) { errors { code message field } video { ...StudioVideo } } }
  ${StudioVideoFields}
`;

export const DeleteVideo = gql`
  mutation DeleteVideo($input: DeleteVideoInput!) { deleteVideo(input: $input) { errors { code message field } deletedVideoId } }
`;

export const SetThumbnail = gql`
  mutation SetThumbnail($input: SetVideoThumbnailInput!) {
    setVideoThumbnail(input: $input) { errors { code message field } video { id thumbnails { width height url } } }
  }
`;

export const AddCaption = gql`
  mutation AddCaption($input: AddVideoCaptionInput!) {
    addVideoCaption(input: $input) { errors { code message field } video { id captions { language label url } } }
  }
`;

export const ClearHistory = gql`
  mutation ClearHistory { clearWatchHistory(input: {}) { errors { code message field } removedCount } }
`;

export const PauseHistory = gql`
  mutation PauseHistory($input: SetWatchHistoryPausedInput!) {
    setWatchHistoryPaused(input: $input) { errors { code message field } viewer { id watchHistoryPaused } }
  }
`;

export const Server = gql`
  query Server { serverInfo { googleClientId } }
`;

export const SignInWithGoogle = gql`
  mutation SignInWithGoogle($input: SignInWithGoogleInput!) {
    signInWithGoogle(input: $input) { accessToken refreshToken errors { code message field } viewer { id emailVerified user { id handle displayName } } }
  }
`;
