import { createConnection, createServer, type Server, type Socket } from 'node:net';

/** A loopback TCP proxy a test can cut, stall and restore, to take a database away from a running service. */
export class TcpProxy {
  private readonly sockets = new Set<Socket>();
  private server?: Server;
  private up = true;
  private stalled = false;
  /** Bytes that arrived during a stall, with where they go, in arrival order. */
  private held: (() => void)[] = [];
  port = 0;
  /** Connections accepted so far (refused ones not counted). */
  accepted = 0;
  /** When set, sees every chunk a client sends, with the number of its connection (to read what goes through). */
  onClientData?: (chunk: Buffer, connection: number) => void;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start(): Promise<void> {
    this.server = createServer((client) => {
      if (!this.up) return void client.destroy();
      const connection = ++this.accepted;
      client.on('data', (chunk: Buffer) => this.onClientData?.(chunk, connection));
      const upstream = createConnection(this.targetPort, this.targetHost);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      this.forward(client, upstream);
      this.forward(upstream, client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
  }

  /** Drops every open connection and refuses new ones, as a database that went away would. */
  cut(): void {
    this.up = false;
    this.held = [];
    for (const socket of this.sockets) socket.destroy();
  }

  /**
   * Passes nothing either way while connections stay open and new ones are accepted, as a network partition
   * would: whoever waits for an answer waits until restore() delivers what was held.
   */
  stall(): void {
    this.stalled = true;
  }

  restore(): void {
    this.up = true;
    this.stalled = false;
    for (const deliver of this.held.splice(0)) deliver();
  }

  async stop(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  private forward(from: Socket, to: Socket): void {
    from.on('data', (chunk: Buffer) => {
      const deliver = () => void (to.destroyed || to.write(chunk));
      if (this.stalled) this.held.push(deliver);
      else deliver();
    });
  }
}
