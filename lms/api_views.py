"""The learner API. A learner only ever sees and changes their own records, whoever they are:
staff accounts get no wider view here (editors read the aggregate report in the admin).

Partner API keys identify a site, not a person, so they do not open these endpoints; a partner
site acts for a learner with that learner's token.
"""

from django.contrib.auth.signals import user_logged_in
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import exceptions, generics, serializers, status
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.permissions import SAFE_METHODS, IsAuthenticated
from rest_framework.response import Response

from courses.api.exports import FormatIsNotARenderer

from . import services
from .api.cache import KeptLocaleMixin
from .api.exceptions import BadRequest, FieldErrors
from .api.parsers import HarbourJSONParser
from .api.schema import BodyOnDeleteSchema
from .api.views import HarbourAPIMixin, HarbourAPIView
from .models import Enrolment
from .serializers import (
    OPEN_BADGE_CREDENTIAL,
    STATUS_LIST_CREDENTIAL,
    CertificateSerializer,
    EnrolmentSerializer,
    LessonProgressSerializer,
    LessonReflectionsSerializer,
    ProgressInputSerializer,
    ProgressSummarySerializer,
    QuizAttemptInputSerializer,
    QuizAttemptSerializer,
    ReflectionInputSerializer,
)
from .services import credentials

LOCALE_PARAMETER = OpenApiParameter(
    "locale",
    OpenApiTypes.STR,
    description=_("Language of titles and links (?locale= wins, then Accept-Language, then en)"),
)


def as_api_error(error):
    """A learner service's error as the API's: a 404, or a 400 naming the field."""
    if isinstance(error, services.NotFound):
        return exceptions.NotFound(error.message)
    if error.field:
        return FieldErrors({error.field: [error.message]})
    return BadRequest(error.message, code="invalid")


def unknown_fields(data, allowed):
    """A 400 for a JSON body that is no object or has fields the endpoint does not take."""
    if not isinstance(data, dict):
        raise BadRequest(_("Send a JSON object."), code="invalid")
    unknown = sorted(set(data) - set(allowed))
    if unknown:
        raise BadRequest(
            _("Unknown field: %(names)s.") % {"names": ", ".join(unknown)}, code="unknown_field"
        )


class AuthTokenView(HarbourAPIMixin, ObtainAuthToken):
    """A learner's token for their username and password (``POST {"username": "…",
    "password": "…"}``), to send as ``Authorization: Token <token>``. The same token every
    time, until a new password or "log out everywhere" revokes it; then a new one. Too many
    failed log-ins for the username or from the address: a 429 with Retry-After."""

    # The username and password are the credentials: no session, token or API key is read.
    authentication_classes = []
    parser_classes = [HarbourJSONParser]

    # The serializer's response side is the read-only ``token``; its request side the
    # write-only username and password.
    @extend_schema(request=AuthTokenSerializer, responses={200: AuthTokenSerializer})
    def post(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        try:
            serializer.is_valid(raise_exception=True)
        except exceptions.ValidationError:
            # django-axes marks a log-in refused for too many failures, per username or per
            # address (settings: AXES_*); the answer is a 429 with Retry-After, not a 400.
            if getattr(request, "axes_locked_out", False):
                wait = services.lockout_wait(request)
                raise LockedOut(wait, services.lockout_message(wait)) from None
            raise
        user = serializer.validated_data["user"]
        token, _created = Token.objects.get_or_create(user=user)
        # A log-in like the site's: it sets last_login and starts django-axes' count anew.
        user_logged_in.send(sender=user.__class__, request=request, user=user)
        return Response({"token": token.key})


class LockedOut(exceptions.Throttled):
    """A 429 ``locked_out``: DRF's exception handler sets Retry-After from ``wait``."""

    default_code = "locked_out"

    def __init__(self, wait, detail):
        exceptions.APIException.__init__(self, detail, "locked_out")
        self.wait = wait


class LogOutEverywhere(HarbourAPIView):
    """Log out everywhere (``POST``, no body): every API token and every site session of the
    learner end, the token of this request too. The next ``POST /api/v1/auth/token/`` hands
    out a new token."""

    authentication_classes = [TokenAuthentication, SessionAuthentication]
    permission_classes = [IsAuthenticated]
    query_parameters = frozenset()

    @extend_schema(request=None, responses={204: None})
    def post(self, request):
        services.log_out_everywhere(request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class LearnerAPIView(HarbourAPIMixin):
    """Token first, so an anonymous request gets a 401 with a ``Token`` challenge."""

    authentication_classes = [TokenAuthentication, SessionAuthentication]
    permission_classes = [IsAuthenticated]

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.requested = self.requested_locale
        self.locale = self.requested.code

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["locale"] = self.locale
        return context


@extend_schema(parameters=[LOCALE_PARAMETER])
@extend_schema_view(
    post=extend_schema(
        responses={
            201: EnrolmentSerializer,
            200: OpenApiResponse(
                EnrolmentSerializer, description="Already enrolled: the existing enrolment."
            ),
        }
    )
)
class EnrolmentList(LearnerAPIView, generics.ListCreateAPIView):
    """Your enrolments with their progress (``GET``), or enrol in a course (``POST
    {"course": 42}``, a course page id of any locale). Enrolling twice returns the existing
    enrolment with 200; a new one is 201."""

    serializer_class = EnrolmentSerializer
    states = None

    def get_queryset(self):
        return Enrolment.objects.filter(user=self.request.user).order_by("-enrolled_at", "-id")

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        self.states = self.compute_states(page if page is not None else queryset)
        return page

    def compute_states(self, enrolments):
        states = services.course_states(self.request.user, enrolments, self.locale)
        return {state.key: state for state in states}

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["states"] = self.states or {}
        return context

    def create(self, request, *args, **kwargs):
        unknown_fields(request.data, {"course"})
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            enrolment, created = services.enrol(request.user, serializer.validated_data["course"])
        except services.LearnerError as error:
            raise as_api_error(error) from error
        course = serializer.validated_data["course"]
        if not self.requested.explicit:
            # Named no language: answer in the language of the course page enrolled from.
            self.locale = course.locale.language_code
        self.states = self.compute_states([enrolment])
        data = self.get_serializer(enrolment).data
        return Response(data, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)


@extend_schema(parameters=[LOCALE_PARAMETER])
class EnrolmentDetail(LearnerAPIView, generics.RetrieveAPIView):
    """One of your enrolments with its progress."""

    serializer_class = EnrolmentSerializer
    states = None

    def get_queryset(self):
        return Enrolment.objects.filter(user=self.request.user)

    def get_object(self):
        if not services.valid_id(int(self.kwargs["pk"])):
            raise exceptions.NotFound()
        enrolment = super().get_object()
        states = services.course_states(self.request.user, [enrolment], self.locale)
        self.states = {state.key: state for state in states}
        return enrolment

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["states"] = self.states or {}
        return context


class LessonView(LearnerAPIView, HarbourAPIView):
    def initial(self, request, *args, **kwargs):
        # The versions this request reads (of its locale, its lesson and, for a write that
        # records an event, the webhook subscriptions) come in one cache read.
        services.expect_lesson(self.kwargs.get("lesson_id"))
        if request.method not in SAFE_METHODS:
            services.expect_events()
        super().initial(request, *args, **kwargs)

    def get_lesson(self):
        try:
            return services.live_lesson(self.kwargs["lesson_id"])
        except services.NotFound as error:
            raise as_api_error(error) from error


@extend_schema(parameters=[LOCALE_PARAMETER])
class LessonProgressView(KeptLocaleMixin, LessonView):
    """Your progress in a lesson (a page id of any locale: progress belongs to the lesson's
    translation key). ``PUT {"status": "completed", "position": "b-12", "time_spent": 300}``
    is idempotent: status only moves forward, time_spent keeps the largest value, and a
    position sent with an ``updated_at`` older than the stored one is ignored. The first PUT
    enrols you in the lesson's course."""

    serializer_class = LessonProgressSerializer

    def represent(self, lesson, row):
        # A request that names no language gets the lesson it asked about, as it is.
        if self.requested.explicit:
            lesson = services.localized(type(lesson), [lesson], self.locale)[lesson.translation_key]
        course = services.lesson_course(lesson)
        data = {
            "lesson": lesson,
            "course_translation_key": course.translation_key,
            "status": services.lesson_status(self.request.user, lesson, row),
            "position": row.position if row else "",
            "time_spent": row.time_spent if row else 0,
            "completed_at": row.completed_at if row else None,
            "updated_at": row.updated_at if row else None,
        }
        return LessonProgressSerializer(data, context={"request": self.request}).data

    def get(self, request, lesson_id):
        lesson = self.get_lesson()
        return Response(self.represent(lesson, services.lesson_progress(request.user, lesson)))

    @extend_schema(request=ProgressInputSerializer, responses=LessonProgressSerializer)
    def put(self, request, lesson_id):
        lesson = self.get_lesson()
        unknown_fields(request.data, ProgressInputSerializer().fields)
        payload = ProgressInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        values = payload.validated_data
        try:
            row = services.record_progress(
                request.user,
                lesson,
                status=values.get("status"),
                position=values.get("position"),
                time_spent=values.get("time_spent"),
                client_updated_at=values.get("updated_at"),
            )
        except services.LearnerError as error:
            raise as_api_error(error) from error
        return Response(self.represent(lesson, row))


class QuizAttemptList(LessonView):
    """Your attempts at the quizzes of a lesson (``GET``, newest first, in every language), or
    a new attempt (``POST {"quiz": "<block id>", "answers": {"<question id>": ["0"]}}``),
    graded on the server. The response says per question whether it was right, with the
    feedback of the chosen answers and the explanation; the correct answers stay secret."""

    @extend_schema(responses=QuizAttemptSerializer(many=True))
    def get(self, request, lesson_id):
        lesson = self.get_lesson()
        attempts = services.quiz_attempts(request.user, lesson)
        return Response(QuizAttemptSerializer(attempts, many=True).data)

    @extend_schema(request=QuizAttemptInputSerializer, responses={201: QuizAttemptSerializer})
    def post(self, request, lesson_id):
        lesson = self.get_lesson()
        data = request.data
        unknown_fields(data, {"quiz", "answers"})
        quiz_id = data.get("quiz")
        if not isinstance(quiz_id, str) or not quiz_id:
            raise FieldErrors({"quiz": [_("Send the id of the quiz block.")]})
        try:
            attempt = services.grade_quiz(request.user, lesson, quiz_id, data.get("answers"))
        except services.NotFound as error:
            # The quiz id is part of the payload, so an unknown one is bad input, not a 404.
            raise FieldErrors({"quiz": [error.message]}) from error
        except services.LearnerError as error:
            raise as_api_error(error) from error
        return Response(QuizAttemptSerializer(attempt).data, status=status.HTTP_201_CREATED)


@extend_schema(parameters=[LOCALE_PARAMETER], responses=LessonReflectionsSerializer)
class LessonReflections(LessonView):
    """Your private notes on the reflection blocks of a lesson (a page id of any locale: a note
    belongs to the lesson's translation key), each with its prompt. ``PUT {"reflection":
    "<block id>", "text": "…"}`` saves one note; an empty text deletes it. No other learner,
    and no partner site without your token, can read them."""

    def represent(self, lesson):
        if self.requested.explicit:
            lesson = services.localized(type(lesson), [lesson], self.locale)[lesson.translation_key]
        data = {
            "lesson": lesson,
            "locale": lesson.locale.language_code,
            "reflections": services.lesson_reflections(self.request.user, lesson),
        }
        context = {"request": self.request, "locale": self.locale}
        return LessonReflectionsSerializer(data, context=context).data

    def get(self, request, lesson_id):
        return Response(self.represent(self.get_lesson()))

    @extend_schema(request=ReflectionInputSerializer, responses=LessonReflectionsSerializer)
    def put(self, request, lesson_id):
        lesson = self.get_lesson()
        unknown_fields(request.data, ReflectionInputSerializer().fields)
        payload = ReflectionInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        values = payload.validated_data
        try:
            services.save_reflection(request.user, lesson, values["reflection"], values["text"])
        except services.NotFound as error:
            # The block id is part of the payload, so an unknown one is bad input, not a 404.
            raise FieldErrors({"reflection": [error.message]}) from error
        except services.LearnerError as error:
            raise as_api_error(error) from error
        return Response(self.represent(lesson))


@extend_schema(parameters=[LOCALE_PARAMETER], responses=ProgressSummarySerializer)
class MyProgress(LearnerAPIView, HarbourAPIView):
    """A summary of your progress across all your courses."""

    def get(self, request):
        summary = services.progress_summary(request.user, self.locale)
        return Response(
            ProgressSummarySerializer(
                summary, context={"request": request, "locale": self.locale}
            ).data
        )


@extend_schema(parameters=[LOCALE_PARAMETER], responses=CertificateSerializer)
class CertificateDetail(HarbourAPIView):
    """Check a certificate: anyone with the code may. Unknown codes are a 404."""

    authentication_classes = []

    def get(self, request, code):
        certificate = services.verify_certificate(code)
        if certificate is None:
            raise exceptions.NotFound(_("No certificate has this code."))
        context = {"request": request, "locale": self.requested_locale.code}
        return Response(CertificateSerializer(certificate, context=context).data)


class CredentialsUnavailable(exceptions.APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = credentials.CredentialsUnavailable.message
    default_code = "credentials_unavailable"


class CredentialView(HarbourAPIView):
    """What the Open Badges views share: public, no parameters, JSON-LD as JSON."""

    authentication_classes = []
    query_parameters = frozenset()

    def signed(self, build, *args):
        try:
            return Response(build(*args, self.request))
        except credentials.CredentialsUnavailable:
            raise CredentialsUnavailable() from None


@extend_schema(
    responses={
        200: OPEN_BADGE_CREDENTIAL,
        404: OpenApiResponse(description="No certificate has this code."),
        503: OpenApiResponse(description="The site has no signing key yet."),
    }
)
class CertificateCredential(CredentialView):
    """The certificate as an Open Badges 3.0 ``OpenBadgeCredential``, signed with an
    ``eddsa-rdfc-2022`` Data Integrity proof by the key in the issuer's DID document
    (``/.well-known/did.json``). A revoked certificate's credential is still served: its
    ``credentialStatus`` entry in the status list says it is revoked.

    Example: ``GET /api/v1/certificates/K3QF-7ZPA-M2XD-4RTB/credential/``"""

    def get(self, request, code):
        certificate = services.verify_certificate(code)
        if certificate is None:
            raise exceptions.NotFound(_("No certificate has this code."))
        response = self.signed(credentials.open_badge_credential, certificate)
        # The learner's language, whatever the client asked for.
        response["Content-Language"] = response.data["credentialSubject"]["achievement"][
            "inLanguage"
        ]
        filename = f"harbour-certificate-{certificate.code}.json"
        response["Content-Disposition"] = f'inline; filename="{filename}"'
        return response


class CertificateBakedBadge(CredentialView):
    """The certificate's badge image with its credential baked in, for a learner to share as
    a picture that any Open Badges 3.0 verifier can still check; the verify page takes it too.

    Example: ``GET /api/v1/certificates/K3QF-7ZPA-M2XD-4RTB/credential.svg``"""

    # The image is the only body; errors are JSON, whatever the client accepts.
    content_negotiation_class = FormatIsNotARenderer

    @extend_schema(
        operation_id="certificates_credential_svg_retrieve",
        responses={
            (200, "image/svg+xml"): OpenApiResponse(
                OpenApiTypes.BINARY,
                description=(
                    "The certificate's badge image (SVG) with its signed OpenBadgeCredential baked "
                    "in (Open Badges 3.0 baking): an <openbadges:credential> element, namespace "
                    "https://purl.imsglobal.org/ob/v3p0, holding the credential's JSON as CDATA."
                ),
            ),
            404: OpenApiResponse(description="No certificate has this code."),
            503: OpenApiResponse(description="The site has no signing key yet."),
        },
    )
    def get(self, request, code):
        certificate = services.verify_certificate(code)
        if certificate is None:
            raise exceptions.NotFound(_("No certificate has this code."))
        try:
            image, credential = credentials.baked_badge(certificate, request)
        except credentials.CredentialsUnavailable:
            raise CredentialsUnavailable() from None
        response = HttpResponse(image, content_type="image/svg+xml")
        # The learner's language, whatever the client asked for, as the JSON credential's.
        response["Content-Language"] = credential["credentialSubject"]["achievement"]["inLanguage"]
        filename = f"harbour-certificate-{certificate.code}.svg"
        response["Content-Disposition"] = f'inline; filename="{filename}"'
        return response


@extend_schema(
    responses={
        200: STATUS_LIST_CREDENTIAL,
        503: OpenApiResponse(description="The site has no signing key yet."),
    }
)
class CredentialStatusList(CredentialView):
    """The Bitstring Status List credential of revoked certificates: the bit at a
    certificate's ``statusListIndex`` is 1 once it is revoked."""

    def get(self, request):
        return self.signed(credentials.status_list_credential)


class PasswordInputSerializer(serializers.Serializer):
    password = serializers.CharField(
        help_text=_("Your password, to confirm that the account is to be deleted.")
    )


class MyAccount(LearnerAPIView, HarbourAPIView):
    """Delete your account and everything Harbour stores about you (``DELETE {"password":
    "…"}``): enrolments, progress, quiz attempts, reflections and tokens. Certificates stay
    verifiable by their code, without your name. A wrong or missing password is a 400 and
    deletes nothing. For a partner site honouring a learner's request to be forgotten."""

    parser_classes = [HarbourJSONParser]
    query_parameters = frozenset()
    schema = BodyOnDeleteSchema()

    @extend_schema(request=PasswordInputSerializer, responses={204: None})
    def delete(self, request):
        data = request.data
        unknown_fields(data, {"password"})
        password = data.get("password")
        try:
            services.delete_learner(request.user, password if isinstance(password, str) else "")
        except services.LearnerError as error:
            raise as_api_error(error) from error
        return Response(status=status.HTTP_204_NO_CONTENT)


class MyExport(LearnerAPIView, HarbourAPIView):
    """Everything Harbour stores about you, as the site's data export gives it: the keys, and
    the titles of the courses, lessons and quizzes they name in your preferred language."""

    query_parameters = frozenset()

    @extend_schema(
        responses={
            200: OpenApiResponse(
                OpenApiTypes.OBJECT,
                description=_(
                    "language, exported_at, account, profile, enrolments (with their lessons), "
                    "quiz_attempts, certificates and xapi_statements"
                ),
            )
        }
    )
    def get(self, request):
        return Response(services.export_learner_data(request.user))
