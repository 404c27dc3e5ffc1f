"""Forms of the training class pages. Rules live in officers/training.py; forms only parse."""

from __future__ import annotations

from typing import Any

from django import forms

from access.accounts.choices import AccountStatus
from access.accounts.models import User
from access.officers.choices import Attendance, Delivery
from access.officers.forms import DateInput, reason_field
from access.officers.models import Course, Enrolment, Officer, TrainingClass
from access.officers.training import GRANT


def training_staff() -> Any:
    """Active accounts whose roles carry the training grant with scope ``all``."""
    return (
        User.objects.filter(
            is_active=True,
            status=AccountStatus.ACTIVE,
            roles__grants__permission=GRANT,
            roles__grants__scope="all",
        )
        .distinct()
        .order_by("last_name", "username")
    )


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.get_full_name() or obj.get_username()} ({obj.get_username()})"


class CourseChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.partnership_type.name}, {obj.hours} hours)"


class ClassForm(forms.Form):
    course = CourseChoiceField(
        queryset=Course.objects.select_related("partnership_type").order_by(
            "partnership_type__name", "kind", "-effective_from"
        ),
        label="Course",
    )
    starts_on = forms.DateField(label="First day", widget=DateInput())
    ends_on = forms.DateField(label="Last day", widget=DateInput())
    delivery = forms.ChoiceField(label="Delivery", choices=Delivery.choices())
    location = forms.CharField(
        label="Location",
        max_length=200,
        required=False,
        help_text="The training site; leave blank for an online class.",
    )
    capacity = forms.IntegerField(label="Capacity", min_value=1, max_value=500)
    instructor = StaffChoiceField(queryset=User.objects.none(), label="Instructor")
    reason = reason_field("Note")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["instructor"]
        field.queryset = training_staff()


class EnrolForm(forms.Form):
    officers: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        queryset=Officer.objects.none(),
        label="Officers to enrol",
        widget=forms.CheckboxSelectMultiple,
        help_text="Only officers at this course's point of the path are listed.",
    )
    reason = reason_field("Note")

    def __init__(self, *args: Any, eligible: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["officers"]
        field.queryset = eligible
        field.label_from_instance = lambda o: f"{o.full_name} ({o.badge_number}), {o.agency.name}"


class RosterForm(forms.Form):
    """One row of fields per enrolment, named ``<field>_<enrolment id>``."""

    reason = reason_field("Note")

    def __init__(self, *args: Any, roster: list[Enrolment], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.roster = roster
        for enrolment in roster:
            self.add_row(enrolment)

    def add_row(self, enrolment: Enrolment) -> None:
        raise NotImplementedError

    def bound_rows(self) -> dict[int, list[forms.BoundField]]:
        return {
            e.pk: [self[name] for name in self.fields if name.endswith(f"_{e.pk}")]
            for e in self.roster
        }


class AttendanceForm(RosterForm):
    prefix = "attendance"

    def add_row(self, enrolment: Enrolment) -> None:
        who = enrolment.officer.full_name
        self.fields[f"attendance_{enrolment.pk}"] = forms.ChoiceField(
            label=f"Attendance of {who}",
            choices=[("", "Not recorded"), *Attendance.choices()],
            required=False,
            initial=enrolment.attendance,
        )
        self.fields[f"hours_{enrolment.pk}"] = forms.IntegerField(
            label=f"Hours attended by {who}",
            min_value=0,
            max_value=10_000,
            required=False,
            initial=enrolment.hours_attended,
        )

    def rows(self) -> list[tuple[int, str, int | None]]:
        """``(enrolment, attendance, hours)`` for each row with an answer."""
        data = self.cleaned_data
        return [
            (e.pk, data[f"attendance_{e.pk}"], data[f"hours_{e.pk}"])
            for e in self.roster
            if data.get(f"attendance_{e.pk}")
        ]


class ScoresForm(RosterForm):
    prefix = "scores"

    taken_on = forms.DateField(
        label="Exam date", widget=DateInput(), help_text="Within the class's dates, not later."
    )

    def __init__(self, *args: Any, training_class: TrainingClass, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["taken_on"].initial = training_class.ends_on
        # The date first, then the rows, then the note.
        self.order_fields(["taken_on"])

    def add_row(self, enrolment: Enrolment) -> None:
        self.fields[f"score_{enrolment.pk}"] = forms.IntegerField(
            label=f"Score of {enrolment.officer.full_name} (%)", required=False
        )

    def scores(self) -> dict[int, int]:
        data = self.cleaned_data
        return {
            e.pk: data[f"score_{e.pk}"]
            for e in self.roster
            if data.get(f"score_{e.pk}") is not None
        }
