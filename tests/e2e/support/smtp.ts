/**
 * A minimal SMTP server that keeps every message (nodemailer over plain smtp://),
 * so a test can read the links the portal e-mails (tokens never reach its log).
 */
import net from "node:net";

export interface SmtpCatcher {
  url: string;
  /** Every message received so far, quoted-printable soft breaks and "=3D" undone so links read whole. */
  mails: string[];
  /** All messages received so far, as one text (offsets only grow). */
  text: () => string;
  close: () => Promise<void>;
}

/** `answerAfterMs`: wait this long before accepting each message (a slow mail server). */
export async function startSmtpCatcher(options: { answerAfterMs?: number } = {}): Promise<SmtpCatcher> {
  const mails: string[] = [];
  const server = net.createServer((socket) => {
    let buffer = "";
    let inData = false;
    socket.setEncoding("utf8");
    socket.write("220 catcher ESMTP\r\n");
    socket.on("data", (chunk: string) => {
      buffer += chunk;
      for (;;) {
        if (inData) {
          const end = buffer.indexOf("\r\n.\r\n");
          if (end < 0) return;
          const mail = buffer.slice(0, end).replace(/=\r\n/g, "").replace(/=3D/g, "=");
          buffer = buffer.slice(end + 5);
          inData = false;
          const accept = () => {
            mails.push(mail);
            socket.write("250 OK\r\n");
          };
          if (options.answerAfterMs) setTimeout(accept, options.answerAfterMs);
          else accept();
          continue;
        }
        const eol = buffer.indexOf("\r\n");
        if (eol < 0) return;
        const line = buffer.slice(0, eol).toUpperCase();
        buffer = buffer.slice(eol + 2);
        if (line.startsWith("EHLO") || line.startsWith("HELO")) socket.write("250 catcher\r\n");
        else if (line.startsWith("DATA")) {
          inData = true;
          socket.write("354 go on\r\n");
        } else if (line.startsWith("QUIT")) socket.end("221 bye\r\n");
        else socket.write("250 OK\r\n");
      }
    });
    socket.on("error", () => {});
  });
  const port = await new Promise<number>((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as net.AddressInfo).port)));
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    text: () => mails.join("\n"),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
