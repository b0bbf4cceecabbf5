"""Shapes of the learner API. Serializers read what lms.services computed; they never write."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field, inline_serializer
from rest_framework import serializers

from courses.models import CoursePage

from . import services
from .api import links
from .models import Certificate, LessonProgress, QuizAttempt


class PageBriefSerializer(serializers.Serializer):
    """A page as learners' records refer to it: in the requested locale where it exists."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    locale = serializers.CharField(source="locale.language_code")
    translation_key = serializers.UUIDField()
    url = serializers.SerializerMethodField()

    def get_url(self, page) -> str | None:
        # For a reader of the requested locale, as the content API links pages.
        return links.page_url(self.context.get("request"), page, self.context.get("locale"))


class LessonStateSerializer(serializers.Serializer):
    lesson = PageBriefSerializer(source="page")
    status = serializers.ChoiceField(choices=LessonProgress.Status.choices)
    position = serializers.CharField()
    time_spent = serializers.IntegerField()
    quizzes = serializers.IntegerField(source="quizzes.__len__")
    quizzes_passed = serializers.IntegerField(source="quizzes_passed.__len__")
    is_done = serializers.BooleanField()
    is_new = serializers.BooleanField()


class CertificateBriefSerializer(serializers.Serializer):
    code = serializers.CharField()
    issued_at = serializers.DateTimeField()
    verify_url = serializers.SerializerMethodField()

    def get_verify_url(self, certificate) -> str:
        return links.api_url(
            self.context.get("request"), "certificate-detail", code=certificate.code
        )


class CourseStateSerializer(serializers.Serializer):
    course = PageBriefSerializer(allow_null=True)
    course_translation_key = serializers.UUIDField(source="key")
    percent = serializers.IntegerField()
    completed = serializers.IntegerField()
    total = serializers.IntegerField()
    is_complete = serializers.BooleanField()
    time_spent = serializers.IntegerField()
    next_lesson = PageBriefSerializer(allow_null=True)
    new_lessons = PageBriefSerializer(many=True)
    certificate = CertificateBriefSerializer(allow_null=True)


class LiveCourseField(serializers.PrimaryKeyRelatedField):
    """A served course by page id. The queryset is built per request: ``served()`` reads
    the view restrictions and unpublished sections from the database."""

    def get_queryset(self):
        return CoursePage.objects.served()

    def to_internal_value(self, data):
        # An id beyond the database's integer range is a course that does not exist, not an
        # overflow in the query (SQLite's integers end at 2**63 - 1).
        try:
            number = None if isinstance(data, bool) else int(data)
        except (TypeError, ValueError, OverflowError):
            number = None
        if number is not None and not services.valid_id(number):
            self.fail("does_not_exist", pk_value=data)
        return super().to_internal_value(data)


class EnrolmentSerializer(serializers.Serializer):
    """An enrolment with its progress; the view puts the computed states in the context."""

    id = serializers.IntegerField(read_only=True)
    course = LiveCourseField(
        write_only=True,
        help_text=_("The page id of the course, in any locale."),
    )
    enrolled_at = serializers.DateTimeField(read_only=True)
    completed_at = serializers.DateTimeField(read_only=True, allow_null=True)
    locale = serializers.CharField(read_only=True)
    progress = serializers.SerializerMethodField()

    @extend_schema_field(CourseStateSerializer(allow_null=True))
    def get_progress(self, enrolment):
        state = self.context["states"].get(enrolment.course_key)
        if state is None:
            return None
        return CourseStateSerializer(state, context=self.context).data


class ProgressInputSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=LessonProgress.Status.choices, required=False)
    position = serializers.CharField(
        required=False, allow_blank=True, max_length=services.MAX_POSITION_LENGTH
    )
    time_spent = serializers.IntegerField(
        required=False, min_value=0, max_value=services.MAX_TIME_SPENT
    )
    updated_at = serializers.DateTimeField(
        required=False,
        help_text=_(
            "When the client recorded this state; an older position than the stored one is ignored."
        ),
    )


class LessonProgressSerializer(serializers.Serializer):
    lesson = PageBriefSerializer()
    course_translation_key = serializers.UUIDField(allow_null=True)
    status = serializers.ChoiceField(choices=LessonProgress.Status.choices)
    position = serializers.CharField()
    time_spent = serializers.IntegerField()
    completed_at = serializers.DateTimeField(allow_null=True)
    updated_at = serializers.DateTimeField(allow_null=True)


class QuizAttemptInputSerializer(serializers.Serializer):
    quiz = serializers.CharField(max_length=64, help_text=_("The id of the quiz block"))
    answers = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text=_('Question id → chosen choice ids, e.g. {"q1": ["0"], "q2": ["0", "2"]}'),
    )


class QuestionResultSerializer(serializers.Serializer):
    question = serializers.CharField()
    text = serializers.CharField()
    chosen = serializers.ListField(child=serializers.CharField())
    correct = serializers.BooleanField()
    feedback = serializers.ListField(child=serializers.DictField())
    explanation = serializers.CharField()


class QuizAttemptSerializer(serializers.ModelSerializer):
    quiz = serializers.CharField(source="quiz_id")
    lesson_translation_key = serializers.UUIDField(source="lesson_key")
    results = QuestionResultSerializer(many=True)

    class Meta:
        model = QuizAttempt
        fields = [
            "id",
            "quiz",
            "lesson_translation_key",
            "locale",
            "answers",
            "score",
            "passed",
            "results",
            "created_at",
        ]


class ProgressSummarySerializer(serializers.Serializer):
    enrolled = serializers.IntegerField()
    completed = serializers.IntegerField()
    lessons_completed = serializers.IntegerField()
    time_spent = serializers.IntegerField()
    courses = CourseStateSerializer(many=True)


class CertificateSerializer(serializers.ModelSerializer):
    """What anyone holding the code may see: no account, no e-mail."""

    valid = serializers.SerializerMethodField(
        help_text="False once the certificate is revoked (revoked_at says when)."
    )
    course_translation_key = serializers.UUIDField(source="course_key")
    course = serializers.SerializerMethodField()
    credential_url = serializers.SerializerMethodField(
        help_text="The certificate as a signed Open Badges 3.0 credential."
    )

    class Meta:
        model = Certificate
        fields = [
            "code",
            "valid",
            "learner_name",
            "course_title",
            "course_translation_key",
            "course",
            "issued_at",
            "revoked_at",
            "credential_url",
        ]

    def get_valid(self, certificate) -> bool:
        return not certificate.is_revoked

    def get_credential_url(self, certificate) -> str:
        return links.api_url(
            self.context.get("request"), "certificate-credential", code=certificate.code
        )

    @extend_schema_field(PageBriefSerializer(allow_null=True))
    def get_course(self, certificate):
        course = services.certificate_course(certificate, self.context.get("locale"))
        if course is None:
            return None
        return PageBriefSerializer(course, context=self.context).data


DATA_INTEGRITY_PROOF = inline_serializer(
    "DataIntegrityProof",
    fields={
        "type": serializers.ChoiceField(choices=["DataIntegrityProof"]),
        "cryptosuite": serializers.ChoiceField(choices=["eddsa-rdfc-2022"]),
        "created": serializers.DateTimeField(),
        "verificationMethod": serializers.CharField(help_text="did:web:<host>#key-<fingerprint>"),
        "proofPurpose": serializers.ChoiceField(choices=["assertionMethod"]),
        "proofValue": serializers.CharField(help_text="The Ed25519 signature, base58-btc."),
    },
)


def verifiable_credential(name, subject):
    """The schema of a signed W3C Verifiable Credential 2.0 that Harbour serves."""
    return inline_serializer(
        name,
        fields={
            "@context": serializers.ListField(child=serializers.CharField()),
            "id": serializers.CharField(),
            "type": serializers.ListField(child=serializers.CharField()),
            "name": serializers.CharField(required=False),
            "issuer": serializers.JSONField(help_text="did:web of the site, or its Profile."),
            "validFrom": serializers.DateTimeField(),
            "credentialSubject": subject,
            "credentialStatus": serializers.JSONField(
                required=False, help_text="A BitstringStatusListEntry (revocation)."
            ),
            "proof": DATA_INTEGRITY_PROOF,
        },
    )


OPEN_BADGE_CREDENTIAL = verifiable_credential(
    "OpenBadgeCredential",
    serializers.JSONField(help_text="An AchievementSubject: the course as its achievement."),
)
STATUS_LIST_CREDENTIAL = verifiable_credential(
    "BitstringStatusListCredential",
    inline_serializer(
        "BitstringStatusList",
        fields={
            "id": serializers.CharField(),
            "type": serializers.ChoiceField(choices=["BitstringStatusList"]),
            "statusPurpose": serializers.ChoiceField(choices=["revocation"]),
            "encodedList": serializers.CharField(
                help_text="GZIP, base64url, multibase u: bit i set = certificate i revoked."
            ),
        },
    ),
)


class ReflectionNoteSerializer(serializers.Serializer):
    reflection = serializers.CharField(help_text=_("The id of the reflection block"))
    prompt = serializers.CharField()
    guidance = serializers.CharField()
    text = serializers.CharField(help_text=_("Your private note; empty if you wrote none"))
    updated_at = serializers.DateTimeField(allow_null=True)


class LessonReflectionsSerializer(serializers.Serializer):
    lesson = PageBriefSerializer()
    locale = serializers.CharField(help_text=_("The language of the prompts"))
    reflections = ReflectionNoteSerializer(many=True)


class ReflectionInputSerializer(serializers.Serializer):
    reflection = serializers.CharField(max_length=64, help_text=_("The id of the reflection block"))
    text = serializers.CharField(
        allow_blank=True,
        trim_whitespace=False,
        help_text=_("Your note (at most 10,000 characters); empty deletes it"),
    )
