// A real SMTP server on 127.0.0.1 for tests: it accepts (or refuses) mail over a real
// socket and keeps every message it received, parsed the way a mail client reads it.
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { simpleParser, type AddressObject, type ParsedMail } from "mailparser";

export interface SunkMessage {
  /** The From header as text, e.g. `Said & Done <no-reply@example.test>`. */
  from: string;
  /** The To header's addresses. */
  to: string[];
  /** The envelope's recipients (RCPT TO), which may differ from the To header. */
  envelopeTo: string[];
  subject: string;
  text: string;
  /** The HTML part, or "" when the message had none. */
  html: string;
  /** Every header by lower-case name: the decoded value when it is plain text, else the raw value. */
  headers: Record<string, string>;
}

export interface SmtpSink {
  /** The port it listens on (kept across `restart()`). */
  port: number;
  /** `smtp://127.0.0.1:<port>`, ready for SMTP_URL or createMailTransport. */
  url: string;
  /** Every message received so far, in order of arrival (kept across restarts). */
  messages: SunkMessage[];
  /** Resolves once at least `count` messages have arrived; rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<SunkMessage[]>;
  /** Stops listening: a client now gets "connection refused", as from a mail server that is down. */
  stop(): Promise<void>;
  /** Listens again on the same port: the mail server is back. */
  restart(): Promise<void>;
}

export interface SmtpSinkOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Recipients refused with "550 mailbox unavailable" at RCPT TO, as for an address that bounces. */
  rejectRecipients?: (address: string) => boolean;
}

function addressesOf(field: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(field) ? field : field ? [field] : [];
  return list.flatMap((a) => a.value.map((v) => v.address ?? "")).filter(Boolean);
}

/** Header lines unfolded, by lower-case name; plain-text values come decoded (an encoded Subject, say). */
function headersOf(parsed: ParsedMail): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { key, line } of parsed.headerLines) {
    const value = parsed.headers.get(key);
    out[key] = typeof value === "string" ? value : line.slice(line.indexOf(":") + 1).replace(/\r?\n[ \t]+/g, " ").trim();
  }
  return out;
}

function toSunk(parsed: ParsedMail, envelopeTo: string[]): SunkMessage {
  return {
    from: parsed.from?.text ?? "",
    to: addressesOf(parsed.to),
    envelopeTo,
    subject: parsed.subject ?? "",
    text: parsed.text ?? "",
    html: typeof parsed.html === "string" ? parsed.html : "",
    headers: headersOf(parsed),
  };
}

export async function startSmtpSink(opts: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const messages: SunkMessage[] = [];
  const waiters = new Set<() => void>();
  let server: SMTPServer | null = null;
  let port = opts.port ?? 0;

  const createServer = () =>
    new SMTPServer({
      secure: false,
      authOptional: true,
      // Plain SMTP on loopback; any login is accepted, so an SMTP_URL with a user and password works too.
      disabledCommands: ["STARTTLS"],
      allowInsecureAuth: true,
      logger: false,
      onAuth(auth, _session, callback) {
        callback(null, { user: auth.username ?? "test" });
      },
      onRcptTo(address, _session, callback) {
        if (opts.rejectRecipients?.(address.address)) {
          callback(Object.assign(new Error(`Mailbox unavailable: ${address.address}`), { responseCode: 550 }));
          return;
        }
        callback();
      },
      onData(stream, session, callback) {
        const envelopeTo = session.envelope.rcptTo.map((r) => r.address);
        simpleParser(stream).then(
          (parsed) => {
            messages.push(toSunk(parsed, envelopeTo));
            for (const wake of waiters) wake();
            callback();
          },
          (error: Error) => callback(error),
        );
      },
    });

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = createServer();
      s.on("error", reject);
      const net = s.listen(port, "127.0.0.1", () => {
        port = (net.address() as AddressInfo).port;
        server = s;
        resolve();
      });
    });

  await listen();

  const sink: SmtpSink = {
    get port() {
      return port;
    },
    get url() {
      return `smtp://127.0.0.1:${port}`;
    },
    messages,
    waitFor(count, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (messages.length < count) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(messages);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`The SMTP sink received ${messages.length} message(s), expected ${count}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    stop() {
      const s = server;
      server = null;
      if (!s) return Promise.resolve();
      return new Promise((resolve) => s.close(() => resolve()));
    },
    async restart() {
      if (server) return;
      await listen();
    },
  };
  return sink;
}
