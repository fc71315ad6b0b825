// The local mailbox: a real SMTP server (smtp-server) that keeps what it receives, and a small page
// to read it. For local runs only; docker-compose uses Mailpit for the same purpose.
import { createServer } from 'node:http';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

const escape = (s) =>
  String(s ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
  );

export async function startMailbox({ smtpPort, httpPort, host = '127.0.0.1' }) {
  const messages = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          messages.unshift({
            id: messages.length + 1,
            receivedAt: new Date().toISOString(),
            to: session.envelope.rcptTo.map((r) => r.address),
            from: mail.from?.text ?? '',
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            headers: Object.fromEntries(
              [...mail.headers].map(([k, v]) => [k, typeof v === 'object' ? JSON.stringify(v) : String(v)]),
            ),
          });
          if (messages.length > 500) messages.pop();
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise((resolve) => smtp.listen(smtpPort, host, resolve));

  const http = createServer((req, res) => {
    if (req.url === '/api/messages') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(messages));
      return;
    }
    const rows = messages
      .map(
        (m) =>
          `<article><h3>${escape(m.subject)}</h3><p><b>À :</b> ${escape(m.to.join(', '))} — <b>reçu :</b> ${escape(m.receivedAt)}</p>` +
          `<details><summary>Texte</summary><pre>${escape(m.text)}</pre></details>` +
          `<details><summary>En-têtes</summary><pre>${escape(JSON.stringify(m.headers, null, 2))}</pre></details></article><hr>`,
      )
      .join('');
    res
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      .end(
        `<!doctype html><html lang="fr"><meta charset="utf-8"><meta http-equiv="refresh" content="5"><title>Vigie — boîte de test</title>` +
          `<body style="font-family:sans-serif;max-width:60em;margin:auto"><h1>Vigie — e-mails envoyés (${messages.length})</h1>` +
          `${rows || '<p>Aucun e-mail pour le moment.</p>'}<p><a href="/api/messages">JSON</a></p></body></html>`,
      );
  });
  await new Promise((resolve) => http.listen(httpPort, host, resolve));
  return {
    smtpUrl: `smtp://${host}:${smtpPort}`,
    pageUrl: `http://${host}:${httpPort}`,
    close: () => Promise.all([new Promise((r) => smtp.close(r)), new Promise((r) => http.close(r))]),
  };
}
