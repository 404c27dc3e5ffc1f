from access.officers.models.officer import BackgroundCheck, DisciplinaryReport, Officer
from access.officers.models.path import (
    Authorization,
    Certification,
    ExamAttempt,
    SupervisorAssignment,
    Suspension,
)
from access.officers.models.reference import Course, ModelFunction

__all__ = [
    "Authorization",
    "BackgroundCheck",
    "Certification",
    "Course",
    "DisciplinaryReport",
    "ExamAttempt",
    "ModelFunction",
    "Officer",
    "SupervisorAssignment",
    "Suspension",
]
