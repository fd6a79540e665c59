import pg from "pg";

interface CopyConnection {
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}

const CHUNK = 64 * 1024;

/**
 * A COPY ... FROM STDIN statement with its data. pg answers the server's
 * CopyInResponse through the query object's `handleCopyInResponse`; this
 * query sends the data there in CopyData messages and ends it with CopyDone,
 * which is what psql does with the lines that follow the statement.
 */
class CopyFromStdin extends pg.Query {
  constructor(
    text: string,
    private readonly data: Buffer,
    callback: (error: Error | undefined) => void,
  ) {
    super(text, (error: Error | undefined) => callback(error));
  }

  handleCopyInResponse(connection: CopyConnection): void {
    for (let at = 0; at < this.data.length; at += CHUNK) connection.sendCopyFromChunk(this.data.subarray(at, at + CHUNK));
    connection.endCopyFrom();
  }
}

/** Run `COPY ... FROM STDIN` on `client`, feeding it `data` (the lines psql would read from the file). */
export function copyFromStdin(client: pg.Client, text: string, data: string): Promise<void> {
  return new Promise((resolve, reject) => {
    client.query(new CopyFromStdin(text, Buffer.from(data, "utf8"), (error) => (error ? reject(error) : resolve())));
  });
}
