// Starts s3rver (an S3-compatible server) on 127.0.0.1 for the test suite: node s3rver.mjs --port P --directory D
import S3rver from 's3rver';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};

const server = new S3rver({
  address: '127.0.0.1',
  port: Number(arg('port', '4569')),
  directory: arg('directory', './s3'),
  silent: true,
  allowMismatchedSignatures: false,
});
const { port } = await server.run();
console.log(`s3rver listening on 127.0.0.1:${port}`);
const stop = async () => { await server.close(); process.exit(0); };
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
