"""Training class pages: the list, a class with its roster (attendance and the whole roster's
scores at once), scheduling a class and enrolling officers.

Every class is read through ``TrainingClass.objects.restrict`` under the officer grants (see
models/training.py); the roster through ``Enrolment.objects.restrict``, so a liaison sees
only its own officers. Writes call the audited actions of officers/training.py.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views import View

from access.audit.models import AuditEvent
from access.core.views import ObjectDetailView, ObjectListView, ScopedMixin
from access.officers import training
from access.officers.choices import Attendance, ClassStatus
from access.officers.class_forms import AttendanceForm, ClassForm, EnrolForm, ScoresForm
from access.officers.filtersets import TrainingClassFilterSet
from access.officers.forms import ReasonForm
from access.officers.models import Enrolment, TrainingClass
from access.officers.tables import TrainingClassTable
from access.officers.views import _add_errors

C = ClassStatus
STEPS = {"start": "Start the class", "complete": "Complete the class", "cancel": "Cancel the class"}


class ClassScoped(ScopedMixin):
    model = TrainingClass

    def scoped(self, action: str | None = None) -> QuerySet:
        return super().scoped(action).select_related("course__partnership_type", "instructor")

    def require(self, action: str) -> None:
        """Classes are under the officer grants: ``officers.<action>_officer``."""
        if not self.request.user.can(f"officers.{action}_officer"):  # type: ignore[union-attr]
            raise Http404("Not found")


class ClassListView(ClassScoped, ObjectListView):
    filterset_class = TrainingClassFilterSet
    table_class = TrainingClassTable
    template_name = "officers/class_list.html"
    title = "Training classes"
    export_name = "training-classes"
    add_url = reverse_lazy("officers:class_add")  # type: ignore[assignment]


def _roster(user: Any, training_class: TrainingClass) -> list[Enrolment]:
    return list(
        Enrolment.objects.restrict(user)
        .filter(training_class=training_class)
        .select_related("officer__agency", "exam")
    )


class ClassDetailView(ClassScoped, ObjectDetailView):
    template_name = "officers/class_detail.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.show(self.get_object(pk))

    def show(
        self,
        obj: TrainingClass,
        *,
        attendance_form: AttendanceForm | None = None,
        scores_form: ScoresForm | None = None,
        status: int = 200,
    ) -> HttpResponse:
        user: Any = self.request.user
        roster = _roster(user, obj)
        can_run = user.grant_scope(training.GRANT) == "all"
        is_open = obj.status in (C.SCHEDULED, C.IN_PROGRESS)
        to_score = [e for e in roster if e.exam_id is None]
        attendance_form = attendance_form or AttendanceForm(roster=to_score)
        scores_form = scores_form or ScoresForm(roster=to_score, training_class=obj)
        attendance_rows, score_rows = attendance_form.bound_rows(), scores_form.bound_rows()
        context = {
            "object": obj,
            "status_colour": C.colour(obj.status),
            "rows": [
                {
                    "enrolment": e,
                    "attendance_colour": Attendance.colour(e.attendance) if e.attendance else "",
                    "attendance_fields": attendance_rows.get(e.pk, []),
                    "score_field": next(iter(score_rows.get(e.pk, [])), None),
                }
                for e in roster
            ],
            "attendance_form": attendance_form,
            "scores_form": scores_form,
            "can_enrol": can_run and is_open and len(roster) < obj.capacity,
            "can_record": can_run and is_open and bool(to_score),
            "steps": [
                (name, label)
                for name, label in STEPS.items()
                if can_run and name in {t.name for t in obj.get_available_status_transitions()}  # type: ignore[attr-defined]
            ],
            "reason_form": ReasonForm(),
            "history": AuditEvent.objects.restrict(user)
            .filter(object_type="officers.trainingclass", object_id=str(obj.pk))
            .order_by("-occurred_at", "-pk")[:50],
        }
        return render(self.request, self.template_name, context, status=status)


def _row_errors(form: Any, prefix: str, refused: training.ClassRefused) -> None:
    """Each problem on its row's field; the summary (and rows the form lacks) on the form."""
    form.add_error(None, str(refused))
    for problem in refused.problems:
        field = f"{prefix}_{problem.enrolment}"
        if field in form.fields:
            form.add_error(field, problem.message)
        else:
            form.add_error(None, f"{problem.officer or 'Roster'}: {problem.message}")


class ClassAttendanceView(ClassDetailView):
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        obj = self.get_object(pk, "train")
        form = AttendanceForm(
            request.POST, roster=[e for e in _roster(request.user, obj) if e.exam_id is None]
        )
        if not form.is_valid():
            return self.show(obj, attendance_form=form, status=400)
        rows = [training.AttendanceRow(e, a, h) for e, a, h in form.rows()]
        try:
            saved = training.record_attendance(
                request.user, obj, rows=rows, reason=form.cleaned_data["reason"]
            )
        except training.ClassRefused as refused:
            _row_errors(form, "attendance", refused)
            return self.show(obj, attendance_form=form, status=400)
        except ValidationError as error:
            _add_errors(form, error)
            return self.show(obj, attendance_form=form, status=400)
        except PermissionDenied as denied:
            raise Http404("Not found") from denied
        messages.success(request, f"Attendance recorded for {len(saved)} officers.")
        return redirect(obj.get_absolute_url())


class ClassScoresView(ClassDetailView):
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        obj = self.get_object(pk, "train")
        form = ScoresForm(
            request.POST,
            roster=[e for e in _roster(request.user, obj) if e.exam_id is None],
            training_class=obj,
        )
        if not form.is_valid():
            return self.show(obj, scores_form=form, status=400)
        try:
            saved = training.record_scores(
                request.user,
                obj,
                scores=form.scores(),
                taken_on=form.cleaned_data["taken_on"],
                reason=form.cleaned_data["reason"],
            )
        except training.ClassRefused as refused:
            _row_errors(form, "score", refused)
            return self.show(obj, scores_form=form, status=400)
        except ValidationError as error:
            _add_errors(form, error)
            return self.show(obj, scores_form=form, status=400)
        except PermissionDenied as denied:
            raise Http404("Not found") from denied
        messages.success(request, f"Exam scores recorded for {len(saved)} officers.")
        return redirect(obj.get_absolute_url())


class ClassStepView(ClassScoped, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        name = request.POST.get("step", "")
        if name not in STEPS:
            raise Http404("Unknown step")
        obj = self.get_object(pk, "train")
        form = ReasonForm(request.POST)
        reason = form.cleaned_data["reason"] if form.is_valid() else ""
        try:
            obj = training.move_class(request.user, obj, name, reason=reason)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        except PermissionDenied as denied:
            raise Http404("Not found") from denied
        else:
            messages.success(request, f"{STEPS[name]}: {C.label(obj.status)}.")
        return redirect(obj.get_absolute_url())


class ScheduleClassView(ClassScoped, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        self.require("train")
        return self._render(ClassForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        self.require("train")
        form = ClassForm(request.POST)
        if form.is_valid():
            try:
                created = training.schedule_class(request.user, **form.cleaned_data)
            except ValidationError as error:
                _add_errors(form, error)
            except PermissionDenied as denied:
                raise Http404("Not found") from denied
            else:
                messages.success(request, f"Scheduled {created}.")
                return redirect(created.get_absolute_url())
        return self._render(form, status=400)

    def _render(self, form: Any, status: int = 200) -> HttpResponse:
        context = {"form": form, "title": "Schedule a training class"}
        return render(self.request, "core/object_edit.html", context, status=status)


class EnrolView(ClassScoped, View):
    template_name = "officers/class_enrol.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        obj = self.get_object(pk, "train")
        eligible = training.eligible_officers(request.user, obj)
        return self._render(obj, EnrolForm(eligible=eligible))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        obj = self.get_object(pk, "train")
        eligible = training.eligible_officers(request.user, obj)
        form = EnrolForm(request.POST, eligible=eligible)
        problems: list[training.RowProblem] = []
        if form.is_valid():
            try:
                rows = training.enrol(
                    request.user,
                    obj,
                    officers=list(form.cleaned_data["officers"]),
                    reason=form.cleaned_data["reason"],
                )
            except training.ClassRefused as refused:
                problems = refused.problems
                form.add_error(None, str(refused))
            except ValidationError as error:
                _add_errors(form, error)
            except PermissionDenied as denied:
                raise Http404("Not found") from denied
            else:
                messages.success(request, f"Enrolled {len(rows)} officers.")
                return redirect(obj.get_absolute_url())
        return self._render(obj, form, problems, status=400)

    def _render(
        self, obj: TrainingClass, form: Any, problems: Any = (), status: int = 200
    ) -> HttpResponse:
        context = {
            "object": obj,
            "form": form,
            "problems": problems,
            "title": f"Enrol officers: {obj}",
        }
        return render(self.request, self.template_name, context, status=status)
