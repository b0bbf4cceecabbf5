"""A webhook receiver on a loopback port, as a partner site would run one: it verifies each
request with the ``standardwebhooks`` library and answers with the next programmed status."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from standardwebhooks.webhooks import Webhook, WebhookVerificationError


class Receiver:
    def __init__(self):
        self.secrets = []
        self.statuses = []  # answered in turn; 200 once they run out
        self.received = []  # (headers, body, verified payload or None)
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("content-length", 0)))
                headers = {key.lower(): value for key, value in self.headers.items()}
                payload = receiver.verify(body, headers)
                receiver.received.append((headers, body, payload))
                status = receiver.statuses.pop(0) if receiver.statuses else 200
                if payload is None:
                    status = 401
                self.send_response(status)
                self.send_header("content-length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hooks/harbour"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def verify(self, body, headers):
        for secret in self.secrets:
            try:
                return Webhook(secret).verify(body, headers)
            except WebhookVerificationError:
                continue
        return None

    @property
    def verified(self):
        return [payload for _headers, _body, payload in self.received if payload is not None]

    def ids(self):
        return [headers["webhook-id"] for headers, _body, _payload in self.received]

    def bodies(self):
        return [json.loads(body) for _headers, body, _payload in self.received]

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
