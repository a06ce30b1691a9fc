/** A Transform that emits one string per line of its input (newline-delimited JSON, logs, CLI output). */
import { Transform } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

export default function lineSplitter(): Transform {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  return new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer | string, _enc, done) {
      rest += typeof chunk === 'string' ? chunk : decoder.write(chunk);
      const lines = rest.split(/\r?\n/);
      rest = lines.pop() ?? '';
      for (const line of lines) this.push(line);
      done();
    },
    flush(done) {
      rest += decoder.end();
      if (rest) this.push(rest);
      done();
    },
  });
}
