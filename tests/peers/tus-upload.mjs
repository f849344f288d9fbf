// Uploads a file with tus-js-client through a loopback TCP proxy that cuts the connection once, after about
// <cut-at> bytes have gone up, as a dropped mobile connection would; the client resumes from the server's offset.
// Prints one JSON line: the requests it made (method, Upload-Offset), the video id, and whether the cut happened.
//   node tus-upload.mjs <base url> <access token> <file> <cut-at bytes> [title]
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import * as tus from 'tus-js-client';

const [base, token, file, cutAtArg, title = 'Resumed upload'] = process.argv.slice(2);
const cutAt = Number(cutAtArg);
const target = new URL(base);
const deadline = setTimeout(() => { console.error('timed out'); process.exit(3); }, 150_000);

let forwarded = 0;
let cut = false;
const proxy = net.createServer((client) => {
  const upstream = net.connect(Number(target.port), target.hostname);
  upstream.on('error', () => client.destroy());
  client.on('error', () => upstream.destroy());
  upstream.pipe(client);
  client.on('data', (chunk) => {
    forwarded += chunk.length;
    if (!cut && cutAt > 0 && forwarded >= cutAt) {
      cut = true;
      client.destroy();
      upstream.destroy();
      return;
    }
    // Back-pressure: what was forwarded has reached the server's socket, not a queue in this process.
    if (!upstream.write(chunk)) {
      client.pause();
      upstream.once('drain', () => client.resume());
    }
  });
  client.on('end', () => upstream.end());
});
await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve));
const endpoint = `http://127.0.0.1:${proxy.address().port}/uploads/tus`;

const requests = [];
let videoId = null;
try {
  const uploadUrl = await new Promise((resolve, reject) => {
    const upload = new tus.Upload(fs.createReadStream(file), {
      endpoint,
      headers: { authorization: `Bearer ${token}` },
      metadata: { filename: path.basename(file), filetype: 'video/x-msvideo', title },
      uploadSize: fs.statSync(file).size,
      retryDelays: [0, 250, 500, 1000, 2000],
      onBeforeRequest: (req) => {
        requests.push({ method: req.getMethod(), offset: req.getHeader('Upload-Offset') ?? null });
      },
      onAfterResponse: (req, res) => {
        requests[requests.length - 1].status = res.getStatus();
        requests[requests.length - 1].serverOffset = res.getHeader('Upload-Offset') ?? null;
        videoId ??= res.getHeader('StreamEngine-Video-Id') || null;
      },
      onError: reject,
      onSuccess: () => resolve(upload.url),
    });
    upload.start();
  });
  console.log(JSON.stringify({ uploadUrl, videoId, cut, forwarded, requests }));
} finally {
  clearTimeout(deadline);
  proxy.close();
}
