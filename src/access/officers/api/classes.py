"""`/api/classes/`: training classes, their rosters, attendance and scores.

Reads are scoped like the pages (a liaison sees the classes its officers sit in and only its
own officers on the roster); writes need training staff (`officers.train_officer`, scope
all) and call the audited actions of officers/training.py. A roster-wide write with a bad
row is `400 invalid` with `fields.rows` naming each row, and nothing is saved.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from access.accounts.models import User
from access.core.api.views import ScopedAPIMixin
from access.officers import training
from access.officers.choices import Attendance, Delivery
from access.officers.filtersets import TrainingClassFilterSet
from access.officers.models import Course, Enrolment, Officer, TrainingClass

MAX_ROWS = 500


class EnrolmentSerializer(serializers.ModelSerializer):
    officer_name = serializers.CharField(source="officer.full_name", read_only=True)
    agency = serializers.IntegerField(source="officer.agency_id", read_only=True)
    score = serializers.IntegerField(source="exam.score", read_only=True, allow_null=True)
    passed = serializers.BooleanField(source="exam.passed", read_only=True, allow_null=True)

    class Meta:
        model = Enrolment
        fields = [
            "id",
            "officer",
            "officer_name",
            "agency",
            "attendance",
            "hours_attended",
            "exam",
            "score",
            "passed",
        ]


class TrainingClassSerializer(serializers.ModelSerializer):
    course: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    course_name = serializers.CharField(source="course.name", read_only=True)
    instructor: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="username", read_only=True
    )
    roster = EnrolmentSerializer(source="visible_enrolments", many=True, read_only=True)

    class Meta:
        model = TrainingClass
        fields = [
            "id",
            "course",
            "course_name",
            "starts_on",
            "ends_on",
            "delivery",
            "location",
            "capacity",
            "instructor",
            "status",
            "status_reason",
            "roster",
            "created_at",
        ]


class ClassRequestSerializer(serializers.Serializer):
    course = serializers.SlugRelatedField(slug_field="code", queryset=Course.objects.all())
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    delivery = serializers.ChoiceField(choices=Delivery.values())
    location = serializers.CharField(max_length=200, allow_blank=True, default="")
    capacity = serializers.IntegerField(min_value=1, max_value=500)
    instructor = serializers.SlugRelatedField(slug_field="username", queryset=User.objects.none())
    reason = serializers.CharField(max_length=1000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from access.officers.class_forms import training_staff

        super().__init__(*args, **kwargs)
        field: Any = self.fields["instructor"]
        field.queryset = training_staff()


class EnrolRequestSerializer(serializers.Serializer):
    officers = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**31 - 1),
        min_length=1,
        max_length=MAX_ROWS,
    )
    reason = serializers.CharField(max_length=1000)


class AttendanceRowSerializer(serializers.Serializer):
    enrolment = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    attendance = serializers.ChoiceField(choices=Attendance.values())
    hours = serializers.IntegerField(min_value=0, max_value=10_000, required=False)


class AttendanceRequestSerializer(serializers.Serializer):
    rows = AttendanceRowSerializer(many=True, min_length=1, max_length=MAX_ROWS)  # type: ignore[call-arg]
    reason = serializers.CharField(max_length=1000)


class ScoreRowSerializer(serializers.Serializer):
    enrolment = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    score = serializers.IntegerField(min_value=-1_000_000, max_value=1_000_000)


class ScoresRequestSerializer(serializers.Serializer):
    scores = ScoreRowSerializer(many=True, min_length=1, max_length=MAX_ROWS)  # type: ignore[call-arg]
    taken_on = serializers.DateField(required=False)
    reason = serializers.CharField(max_length=1000)


class ClassStepRequestSerializer(serializers.Serializer):
    step = serializers.ChoiceField(choices=["start", "complete", "cancel"])
    reason = serializers.CharField(max_length=1000)


def _refused(refused: training.ClassRefused) -> exceptions.ValidationError:
    rows: Any = [
        {"enrolment": p.enrolment, "officer": p.officer, "message": p.message}
        for p in refused.problems
    ]
    return exceptions.ValidationError({"non_field_errors": [str(refused)], "rows": rows})


class TrainingClassViewSet(
    ScopedAPIMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Training classes in your scope; `POST` schedules one (training staff)."""

    serializer_class = TrainingClassSerializer
    filterset_class = TrainingClassFilterSet
    queryset = TrainingClass.objects.none()
    permission = "officers.view_officer"

    def get_queryset(self) -> QuerySet[TrainingClass]:
        user = self.request.user
        roster = Enrolment.objects.restrict(user).select_related("officer", "exam")
        return (
            TrainingClass.objects.restrict(user, "view")
            .select_related("course", "instructor")
            .prefetch_related(Prefetch("enrolments", roster, to_attr="visible_enrolments"))
        )

    def _class_for_training(self) -> TrainingClass:
        user: Any = self.request.user
        if user.grant_scope(training.GRANT) != "all":
            raise Http404("Not found")
        found = TrainingClass.objects.restrict(user, "train").filter(pk=self.kwargs["pk"]).first()
        if found is None:
            raise Http404("Not found")
        return found

    def _answer(self, training_class: TrainingClass, code: int = status.HTTP_200_OK) -> Response:
        fresh = self.get_queryset().get(pk=training_class.pk)
        return Response(self.get_serializer(fresh).data, status=code)

    @extend_schema(request=ClassRequestSerializer, responses={201: TrainingClassSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user: Any = request.user
        if user.grant_scope(training.GRANT) != "all":
            raise Http404("Not found")
        form = ClassRequestSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        try:
            created = training.schedule_class(user, **form.validated_data)
        except PermissionDenied as denied:
            raise Http404("Not found") from denied
        return self._answer(created, status.HTTP_201_CREATED)

    def _write(self, request_serializer: Any, run: Any) -> Response:
        training_class = self._class_for_training()
        form = request_serializer(data=self.request.data)
        form.is_valid(raise_exception=True)
        try:
            run(training_class, form.validated_data)
        except training.ClassRefused as refused:
            raise _refused(refused) from None
        except PermissionDenied as denied:
            raise Http404("Not found") from denied
        return self._answer(training_class)

    @extend_schema(request=EnrolRequestSerializer, responses={200: TrainingClassSerializer})
    @action(detail=True, methods=["post"])
    def enrol(self, request: Request, pk: str | None = None) -> Response:
        """Officers (ids) onto the roster: all of them or none."""
        user: Any = request.user

        def run(training_class: TrainingClass, data: dict[str, Any]) -> None:
            ids = data["officers"]
            found = {o.pk: o for o in Officer.objects.restrict(user, "train").filter(pk__in=ids)}
            missing = [i for i in ids if i not in found]
            if missing:
                raise exceptions.ValidationError(
                    {"officers": [f"No such officer: {', '.join(map(str, missing[:20]))}."]}
                )
            training.enrol(
                user, training_class, officers=[found[i] for i in ids], reason=data["reason"]
            )

        return self._write(EnrolRequestSerializer, run)

    @extend_schema(request=AttendanceRequestSerializer, responses={200: TrainingClassSerializer})
    @action(detail=True, methods=["post"])
    def attendance(self, request: Request, pk: str | None = None) -> Response:
        """Attendance per enrolment (attended, partial with hours, absent): all rows or none."""
        user: Any = request.user

        def run(training_class: TrainingClass, data: dict[str, Any]) -> None:
            rows = [
                training.AttendanceRow(r["enrolment"], r["attendance"], r.get("hours"))
                for r in data["rows"]
            ]
            training.record_attendance(user, training_class, rows=rows, reason=data["reason"])

        return self._write(AttendanceRequestSerializer, run)

    @extend_schema(request=ScoresRequestSerializer, responses={200: TrainingClassSerializer})
    @action(detail=True, methods=["post"])
    def scores(self, request: Request, pk: str | None = None) -> Response:
        """Exam scores per enrolment, each an exam attempt with the exam rules: all or none."""
        user: Any = request.user

        def run(training_class: TrainingClass, data: dict[str, Any]) -> None:
            scores = {r["enrolment"]: r["score"] for r in data["scores"]}
            if len(scores) != len(data["scores"]):
                raise exceptions.ValidationError({"scores": ["One score per enrolment."]})
            training.record_scores(
                user,
                training_class,
                scores=scores,
                taken_on=data.get("taken_on"),
                reason=data["reason"],
            )

        return self._write(ScoresRequestSerializer, run)

    @extend_schema(request=ClassStepRequestSerializer, responses={200: TrainingClassSerializer})
    @action(detail=True, methods=["post"])
    def step(self, request: Request, pk: str | None = None) -> Response:
        """`start`, `complete` or `cancel` the class, with a reason."""
        user: Any = request.user

        def run(training_class: TrainingClass, data: dict[str, Any]) -> None:
            training.move_class(user, training_class, data["step"], reason=data["reason"])

        return self._write(ClassStepRequestSerializer, run)
