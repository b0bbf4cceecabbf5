"""LTI 1.3 endpoints: the tool's JWKS, OIDC login initiation, the launch, the resource URLs
and the Deep Linking picker. Each refusal is a page that says why (status 400 or 403), inside
the platform's frame, never a 500. See lti/tool.py for how launch state is kept."""

import logging
from urllib.parse import urlsplit

from django.contrib.auth import login
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods
from pylti1p3.exception import LtiException, OIDCException

from courses.api.batch import syllabus
from courses.web.pages import catalogue_context
from lms import i18n
from lms.api import links

from . import keys, middleware, services, tool
from .tool import LaunchRefused

logger = logging.getLogger(__name__)
EMBED_ORIGINS = middleware.EMBED_ORIGINS


def origin(url):
    parts = urlsplit(url or "")
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


def frame_origins(request, platform, body=None):
    """Where the platform frames Harbour: its issuer's and login URL's origins, the page that
    posted the launch, and the launch's return URL."""
    candidates = [platform.issuer, platform.auth_login_url, request.headers.get("Origin")]
    if body:
        return_url = services.claim(body, services.LAUNCH_PRESENTATION).get("return_url")
        candidates.append(return_url if isinstance(return_url, str) else None)
    found = []
    for candidate in candidates:
        value = origin(candidate)
        if value and value != "null" and value not in found:
            found.append(value)
    return found


def embeddable(response, origins):
    response._csp_update = {"frame-ancestors": origins or ["'none'"]}
    response.xframe_options_exempt = True
    return response


def refused(request, reason, status=400, detail=None):
    logger.info("LTI refused: %s (%s)", reason, detail or "-")
    context = {"reason": reason, "detail": detail}
    response = render(request, "lti/refused.html", context, status=status)
    # A refusal says nothing secret: it may show inside any platform's frame.
    response._csp_update = {"frame-ancestors": ["*"]}
    response.xframe_options_exempt = True
    return response


@require_GET
def jwks(request):
    try:
        document = keys.jwks()
    except keys.KeyUnavailable as error:
        return JsonResponse(
            {"detail": str(error.message), "code": "lti_key_unavailable"}, status=503
        )
    response = JsonResponse(document)
    response["Cache-Control"] = "public, max-age=300"
    return response


@csrf_exempt
@never_cache
@xframe_options_exempt
@require_http_methods(["GET", "POST"])
def login_initiation(request):
    """Third-party initiated login (OIDC): check the target, then send the browser to the
    platform's authorisation endpoint with a fresh state and nonce."""
    params = request.POST if request.method == "POST" else request.GET
    target = params.get("target_link_uri")
    if not services.is_harbours(request, target):
        return refused(
            request,
            _(
                "The launch asks to open %(url)s, which is not a launch address of this Harbour site."
            )
            % {"url": target or "-"},
        )
    if tool.find_platform(params.get("iss"), params.get("client_id")) is None:
        return refused(request, _("This platform is not registered with Harbour (iss, client id)."))
    try:
        return tool.oidc_login(request).redirect(
            request.build_absolute_uri(reverse("lti:launch")), js_redirect=False
        )
    except (LtiException, OIDCException, keys.KeyUnavailable) as error:
        refusal = tool.library_refusal(error, login=True)
        return refused(request, str(refusal), detail=refusal.detail)


@csrf_exempt
@never_cache
@require_http_methods(["POST"])
def launch(request):
    """The platform's form post of the id_token (redirect_uri)."""
    try:
        message, body = tool.validated_launch(request)
        platform = tool.find_platform(body.get("iss"), message._registration.get_client_id())
        if platform is None:
            raise LaunchRefused(_("This platform is not registered with Harbour."))
        kind = body.get(services.MESSAGE_TYPE)
        if kind == services.DEEP_LINKING_REQUEST:
            if not services.may_deep_link(body):
                return refused(request, _("Only teachers can add Harbour content."), status=403)
            if not services.is_harbours(request, body.get(services.TARGET_LINK_URI)):
                raise LaunchRefused(_("The link's target is not an address of this Harbour site."))
            return HttpResponseRedirect(
                reverse("lti:deep-link", kwargs={"launch_id": message.get_launch_id()})
            )
        if kind != services.RESOURCE_LINK_REQUEST:
            raise LaunchRefused(_("Harbour does not take %(type)s messages.") % {"type": kind})
        user, url = services.resource_launch(request, platform, body)
    except LaunchRefused as error:
        return refused(request, str(error), detail=error.detail)
    except services.NotFound as error:
        return refused(request, str(error), status=404)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    request.session[EMBED_ORIGINS] = frame_origins(request, platform, body)
    return embeddable(HttpResponseRedirect(url), request.session[EMBED_ORIGINS])


@require_GET
def resource(request, kind, translation_key):
    """A resource URL opened outside a launch (a bookmark, a copied link): the page itself,
    in the visitor's language."""
    if kind not in services.KINDS:
        raise Http404
    page = services.served_page(kind, translation_key, translation.get_language())
    if page is None:
        raise Http404
    return HttpResponseRedirect(links.page_url(request, page, language=i18n.active_code()))


def _picker_launch(request, launch_id):
    message = tool.restored_launch(request, launch_id)
    if message is None or not message.is_deep_link_launch():
        return None, None
    body = message.get_launch_data()
    return message, body


@csrf_exempt  # no cookie in the frame: the launch id in the path is the picker's secret
@never_cache
@require_http_methods(["GET", "POST"])
def deep_link(request, launch_id):
    """The teacher's catalogue, in their language, to pick a course or lesson from."""
    message, body = _picker_launch(request, launch_id)
    if message is None:
        return refused(request, _("This picker has expired; open it again from your course."))
    platform = tool.find_platform(body.get("iss"), message._registration.get_client_id())
    if platform is None:
        return refused(request, _("This platform is not registered with Harbour."))
    language = services.launch_language(body) or translation.get_language()
    origins = frame_origins(request, platform, body)
    with translation.override(language):
        if request.method == "POST":
            page = services.picked(
                request.POST.get("kind"), request.POST.get("translation_key"), language
            )
            if page is None:
                return refused(request, _("Choose a published course or lesson."))
            kind = request.POST["kind"]
            item = services.content_item(request, kind, page)
            deep_link_service = message.get_deep_link()
            claims = deep_link_service.get_message_jwt([])
            claims[services.DL_CONTENT_ITEMS] = [item]
            token = deep_link_service.encode_jwt(claims)
            settings_claim = services.claim(body, services.DL_SETTINGS)
            return_url = settings_claim.get("deep_link_return_url")
            response = render(
                request,
                "lti/deep_link_return.html",
                {"return_url": return_url, "jwt": token, "item": item},
            )
            response._csp_update = {
                "frame-ancestors": origins,
                "form-action": [origin(return_url)],
            }
            response.xframe_options_exempt = True
            return response
        context = catalogue_context(request)
        requested = i18n.active_locale()
        for card in context["courses"]:
            card.lessons = syllabus(card.page, requested)
        context.update(
            {
                "launch_id": launch_id,
                "platform": platform,
                "settings_title": services.claim(body, services.DL_SETTINGS).get("title"),
            }
        )
        response = render(request, "lti/deep_link.html", context)
    return embeddable(response, origins)
