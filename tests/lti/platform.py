"""The platform side of LTI 1.3 for the tests, played by ``lti1p3platform`` (a PyPI package
Harbour did not write): it makes the login initiation URL, answers the OIDC authorisation
request with a signed id_token, checks Deep Linking responses against Harbour's JWKS, issues
AGS access tokens for Harbour's client assertion and takes scores.

``PlatformServer`` serves, on 127.0.0.1 at a free port: ``/jwks`` (the platform's key set),
``/auth`` (the authorisation endpoint: an auto-posting form to Harbour's redirect_uri),
``/token``, ``/lineitems/<id>/scores`` (scores, kept in ``scores``), ``/dl-return`` (the
Deep Linking return URL, whose items are kept in ``deep_links``) and ``/course`` (a course page
of the platform that frames Harbour's login initiation, for the browser test).

What this file adds to the package: a request adapter (the package has Django's and FastAPI's
for its own server), the launch form's HTML, and ``validate_token`` answering True: the
package's own returns None after its checks, so its AGS handlers would refuse every token.
"""

import html
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from lti1p3platform.ltiplatform import LTI1P3PlatformConfAbstract
from lti1p3platform.message_launch import LTIAdvantageMessageLaunchAbstract
from lti1p3platform.oidc_login import OIDCLoginAbstract
from lti1p3platform.registration import Registration
from lti1p3platform.request import Request
from lti1p3platform.service_connector import AssignmentsGradesService
from requests.structures import CaseInsensitiveDict

LEARNER = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"
INSTRUCTOR = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"
LAUNCH_PRESENTATION = "https://purl.imsglobal.org/spec/lti/claim/launch_presentation"


def rsa_pem_pair():
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    public = (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    return private, public


class PlainRequest(Request):
    def build_metadata(self, request):
        return {
            "method": request.get("method", "GET"),
            "form_data": request.get("form", {}),
            "get_data": request.get("query", {}),
            # HTTP header names are case-insensitive, as in the package's Django adapter.
            "headers": CaseInsensitiveDict(request.get("headers", {})),
            "content_type": request.get("content_type"),
            "path": request.get("path", "/"),
            "json": request.get("json"),
        }


class PlatformConf(LTI1P3PlatformConfAbstract):
    def init_platform_config(self, registration=None, **kwargs):
        self._registration = registration

    def get_registration_by_params(self, **kwargs):
        return self._registration

    def validate_token(self, token, allowed_scopes=None, audience=None):
        super().validate_token(token, allowed_scopes, audience)
        return True


class Login(OIDCLoginAbstract):
    def set_lti_message_hint(self, **kwargs):
        self._lti_message_hint = kwargs.get("hint")

    def get_redirect(self, url):
        return url


class Launch(LTIAdvantageMessageLaunchAbstract):
    def render_launch_form(self, launch_data, **kwargs):
        return launch_data


class Gradebook(AssignmentsGradesService):
    def __init__(self, request, conf, platform):
        super().__init__(request, conf, f"{platform.url}/lineitems")
        self.platform = platform

    def find_lineitems(self, page=1, limit=None):
        return {"content": [], "has_next": False, "next": None}

    def find_lineitem(self, line_item_id):
        return {"id": line_item_id}

    def create_lineitem(self, lineitem):
        return lineitem

    def update_lineitem(self, line_item_id, lineitem):
        return lineitem

    def delete_lineitem(self, line_item_id):
        return None

    def update_score(self, line_item_id, score):
        from lti1p3platform.score import UpdateScoreStatus

        self.platform.scores.append((line_item_id, score, self.request.headers))
        return UpdateScoreStatus.SUCCESS

    def get_results(self, line_item_id, page=1, limit=None, user_id=None):
        return {"content": [], "has_next": False, "next": None}


class TestPlatform:
    """One registration of Harbour on a platform at ``url`` (its issuer)."""

    def __init__(self, url, harbour, *, client_id="harbour-client", deployment_id="dep-1"):
        self.url = url
        self.harbour = harbour.rstrip("/")
        self.client_id = client_id
        self.deployment_id = deployment_id
        self.private_key, self.public_key = rsa_pem_pair()
        self.tool_key_set = None
        self.scores = []
        self.deep_links = []
        self.unavailable = 0  # answer the next N score posts with 503

    # --- the registration as the platform keeps it --------------------------------------

    def registration(self, target_link_uri=None, *, issuer=None, client_id=None, key=None):
        registration = (
            Registration()
            .set_iss(issuer or self.url)
            .set_client_id(client_id or self.client_id)
            .set_deployment_id(self.deployment_id)
            .set_oidc_login_url(f"{self.harbour}/lti/login/")
            .set_launch_url(target_link_uri or f"{self.harbour}/lti/launch/")
            .set_deeplink_launch_url(f"{self.harbour}/lti/launch/")
            .set_platform_private_key(key or self.private_key)
            .set_platform_public_key(self.public_key)
            .set_tool_key_set_url(f"{self.harbour}/lti/jwks/")
        )
        if self.tool_key_set:
            registration.set_tool_key_set(self.tool_key_set)
        return registration

    def conf(self, **kwargs):
        return PlatformConf(registration=self.registration(**kwargs))

    def register_in_harbour(self, **overrides):
        """The admin's registration of this platform in Harbour."""
        from lti.models import Deployment, Platform

        fields = {
            "name": "Test platform",
            "issuer": self.url,
            "client_id": self.client_id,
            "auth_login_url": f"{self.url}/auth",
            "auth_token_url": f"{self.url}/token",
            "key_set_url": f"{self.url}/jwks",
        } | overrides
        platform = Platform.objects.create(**fields)
        Deployment.objects.create(platform=platform, deployment_id=self.deployment_id)
        return platform

    # --- the flows --------------------------------------------------------------------

    def login_url(self, target_link_uri, hint="resource"):
        login = Login(None, self.conf(target_link_uri=target_link_uri))
        login.set_lti_message_hint(hint=hint)
        if hint == "deep-link":
            login.set_deeplinking_launch_url()
        return login.initiate_login(user_id="platform-user-1")

    def authorise(
        self,
        auth_params,
        *,
        target_link_uri=None,
        sub="platform-user-1",
        roles=(LEARNER,),
        locale="pl-PL",
        line_item="1",
        expiration=300,
        deep_link=False,
        extra=None,
        **registration_overrides,
    ):
        """The authorisation endpoint's answer: ``{"state", "id_token", "launch_url"}``."""
        conf = self.conf(target_link_uri=target_link_uri, **registration_overrides)
        launch = Launch(PlainRequest({"query": dict(auth_params)}), conf)
        launch.set_user_data(sub, list(roles), full_name="Agnė Jonaitė", email_address="")
        launch.set_resource_link_claim(f"link-{line_item}", title="Harbour")
        launch.set_id_token_expiration(expiration)
        if line_item:
            launch.set_ags(f"{self.url}/lineitems", f"{self.url}/lineitems/{line_item}")
        presentation = {"document_target": "iframe", "return_url": f"{self.url}/course"}
        if locale:
            presentation["locale"] = locale
        launch.set_extra_claims({LAUNCH_PRESENTATION: presentation, **(extra or {})})
        if deep_link:
            launch.set_dl(
                f"{self.url}/dl-return", title="Harbour", accept_types={"ltiResourceLink"}
            )
        return launch.lti_launch()

    def check_deep_link_response(self, jwt_value):
        conf = self.conf()
        return conf.validate_deeplinking_resp({"JWT": jwt_value})


class PlatformServer:
    """The platform's HTTP endpoints on 127.0.0.1 (a context manager)."""

    def __init__(self, harbour="http://testserver", **kwargs):
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.platform = TestPlatform(self.url, harbour, **kwargs)
        self.requests = []

    def __enter__(self):
        self.platform._server_requests = self.requests
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self.platform

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def _handler(self):
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _answer(self, status, body, content_type="application/json"):
                data = body if isinstance(body, bytes) else body.encode()
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _body(self):
                length = int(self.headers.get("Content-Length") or 0)
                return self.rfile.read(length).decode()

            def do_GET(self):
                platform = outer.platform
                parts = urlsplit(self.path)
                query = dict(parse_qsl(parts.query))
                outer.requests.append(("GET", parts.path))
                if parts.path == "/jwks":
                    return self._answer(
                        200, json.dumps({"keys": platform.registration().get_jwks()})
                    )
                if parts.path == "/auth":
                    if query.get("lti_message_hint") == "deep-link":
                        data = platform.authorise(
                            query, deep_link=True, roles=(INSTRUCTOR,), locale="de-DE"
                        )
                    else:
                        data = platform.authorise(query, target_link_uri=platform.browser_target)
                    fields = "".join(
                        f'<input type="hidden" name="{name}" value="{html.escape(data[name])}">'
                        for name in ("state", "id_token")
                    )
                    page = (
                        f'<form id="f" method="post" action="{html.escape(data["launch_url"])}">'
                        f"{fields}</form><script>document.getElementById('f').submit()</script>"
                    )
                    return self._answer(200, page, "text/html")
                if parts.path == "/course":
                    if query.get("add") == "1":  # the teacher adds content: Deep Linking
                        login = platform.login_url(f"{platform.harbour}/lti/launch/", "deep-link")
                    else:
                        login = platform.login_url(platform.browser_target)
                    page = (
                        "<!doctype html><html><head><meta charset='utf-8'><title>Platform course</title></head>"
                        "<body style='font-family:sans-serif;margin:0'>"
                        "<header style='background:#333;color:#fff;padding:8px 16px'>"
                        "Test platform · Course: Cross-border cooperation</header>"
                        f"<iframe id='tool' title='Harbour' src='{html.escape(login)}' "
                        "style='width:100%;height:680px;border:0'></iframe></body></html>"
                    )
                    return self._answer(200, page, "text/html")
                return self._answer(404, "{}")

            def do_POST(self):
                platform = outer.platform
                parts = urlsplit(self.path)
                body = self._body()
                outer.requests.append(("POST", parts.path))
                if parts.path == "/token":
                    conf = platform.conf()
                    try:
                        answer = conf.get_access_token(dict(parse_qsl(body)))
                    except Exception as error:  # noqa: BLE001 - a refused request is a 400
                        return self._answer(400, json.dumps({"error": str(error)}))
                    return self._answer(200, json.dumps(answer))
                if parts.path.startswith("/lineitems/") and parts.path.endswith("/scores"):
                    if platform.unavailable:
                        platform.unavailable -= 1
                        return self._answer(503, json.dumps({"error": "down for maintenance"}))
                    line_item_id = parts.path.split("/")[2]
                    request = PlainRequest(
                        {
                            "method": "POST",
                            "headers": dict(self.headers.items()),
                            "content_type": self.headers.get("Content-Type"),
                            "json": json.loads(body),
                            "path": parts.path,
                        }
                    )
                    gradebook = Gradebook(request, platform.conf(), platform)
                    response = gradebook.handle_resp(
                        gradebook.handle_update_score, line_item_id=line_item_id
                    )
                    return self._answer(response.code, json.dumps({"message": response.message}))
                if parts.path == "/dl-return":
                    jwt_value = dict(parse_qsl(body))["JWT"]
                    platform.deep_links.append(platform.check_deep_link_response(jwt_value))
                    page = "<!doctype html><meta charset='utf-8'><p id='added'>Added to the course.</p>"
                    return self._answer(200, page, "text/html")
                return self._answer(404, "{}")

        return Handler


TestPlatform.browser_target = None
TestPlatform.__test__ = False
