from access.officers.models.officer import BackgroundCheck, DisciplinaryReport, Officer
from access.officers.models.path import (
    Authorization,
    Certification,
    ExamAttempt,
    SupervisorAssignment,
    Suspension,
)
from access.officers.models.reference import Course, ModelFunction
from access.officers.models.training import Enrolment, TrainingClass

__all__ = [
    "Authorization",
    "BackgroundCheck",
    "Certification",
    "Course",
    "DisciplinaryReport",
    "Enrolment",
    "ExamAttempt",
    "ModelFunction",
    "Officer",
    "SupervisorAssignment",
    "Suspension",
    "TrainingClass",
]
