"""Status values and kinds of the enforcement records (encounters, charges, steps)."""

from __future__ import annotations

from access.core.choices import ChoiceSet


class EncounterStatus(ChoiceSet):
    RECORDED = "recorded"
    CANDIDATES = "candidates"
    AWAITING_SUPERVISOR = "awaiting_supervisor"
    IDENTIFIED = "identified"
    NOT_IDENTIFIED = "not_identified"
    CITIZENSHIP_STOP = "citizenship_stop"
    SUPERVISOR_DECIDED = "supervisor_decided"
    CHOICES = [
        (RECORDED, "Recorded, not yet searched", "bg-base-dark"),
        (CANDIDATES, "Candidates found, awaiting the officer's verification", "bg-primary"),
        (
            AWAITING_SUPERVISOR,
            "Verified by the officer, awaiting an ICE supervisor",
            "bg-accent-warm-darker",
        ),
        (IDENTIFIED, "Identified (verified)", "bg-green"),
        (NOT_IDENTIFIED, "No record identified", "bg-base-darker"),
        (CITIZENSHIP_STOP, "Stopped: U.S. citizenship claimed or indicated", "bg-secondary-dark"),
        (SUPERVISOR_DECIDED, "Citizenship stop decided by a supervisor", "bg-primary-dark"),
    ]


# States in which the identification workflow may go on (no stop pending).
OPEN_FOR_VERIFICATION = [EncounterStatus.CANDIDATES, EncounterStatus.AWAITING_SUPERVISOR]


class Function(ChoiceSet):
    """The authorized function an encounter exercises (officers.ModelFunction codes)."""

    INTERVIEW = "interview"
    ARREST = "arrest"
    SERVE_WARRANT = "serve_warrant"
    CHOICES = [
        (INTERVIEW, "Interview about immigration status", ""),
        (ARREST, "Arrest for an immigration violation", ""),
        (SERVE_WARRANT, "Serve an ICE administrative warrant", ""),
    ]


class Origin(ChoiceSet):
    """How the encounter arose."""

    BOOKING = "booking"
    JAIL_REFERRAL = "jail_referral"
    FIELD_STOP = "field_stop"
    TASK_FORCE_OPERATION = "task_force_operation"
    WARRANT_ON_FILE = "warrant_on_file"
    CHOICES = [
        (BOOKING, "Booked into the agency's jail on local charges", ""),
        (JAIL_REFERRAL, "Referred by jail staff while in custody", ""),
        (FIELD_STOP, "Field stop or arrest during regular duties", ""),
        (TASK_FORCE_OPERATION, "Task-force operation", ""),
        (WARRANT_ON_FILE, "ICE administrative warrant on file for a person in the jail", ""),
    ]


class Severity(ChoiceSet):
    FELONY = "felony"
    MISDEMEANOR = "misdemeanor"
    INFRACTION = "infraction"
    CHOICES = [
        (FELONY, "Felony", "bg-secondary-dark"),
        (MISDEMEANOR, "Misdemeanor", "bg-accent-warm-darker"),
        (INFRACTION, "Infraction", "bg-base-dark"),
    ]

    @classmethod
    def rank(cls, value: str) -> int:
        """Most serious first: felony 0, misdemeanor 1, infraction 2."""
        return cls.values().index(value) if value in cls.values() else len(cls.CHOICES)


class PriorityLevel(ChoiceSet):
    """Threat levels (the MOA's priority scheme): 1 is the most serious."""

    LEVEL_1 = "1"
    LEVEL_2 = "2"
    LEVEL_3 = "3"
    CHOICES = [
        (LEVEL_1, "Level 1", "bg-secondary-dark"),
        (LEVEL_2, "Level 2", "bg-accent-warm-darker"),
        (LEVEL_3, "Level 3", "bg-base-dark"),
    ]


class VerifierRole(ChoiceSet):
    OFFICER = "officer"
    SUPERVISOR = "supervisor"
    CHOICES = [(OFFICER, "Officer", ""), (SUPERVISOR, "ICE supervisor", "")]


class CheckedField(ChoiceSet):
    """What a person compared when verifying a candidate record."""

    NAME = "name"
    DATE_OF_BIRTH = "date_of_birth"
    A_NUMBER = "a_number"
    FBI_NUMBER = "fbi_number"
    STATE_ID = "state_id"
    FINGERPRINTS = "fingerprints"
    PHOTOGRAPH = "photograph"
    DOCUMENT = "identity_document"
    CHOICES = [
        (NAME, "Name", ""),
        (DATE_OF_BIRTH, "Date of birth", ""),
        (A_NUMBER, "A-number", ""),
        (FBI_NUMBER, "FBI number", ""),
        (STATE_ID, "State ID", ""),
        (FINGERPRINTS, "Fingerprints", ""),
        (PHOTOGRAPH, "Photograph", ""),
        (DOCUMENT, "Identity document", ""),
    ]


class StepKind(ChoiceSet):
    """Dated steps after an encounter, recorded as they happen."""

    CHARGING_DOCUMENT = "charging_document"
    REFERRAL = "referral_to_ice"
    WARRANT_SERVED = "warrant_served"
    REMOVED = "removed"
    CHOICES = [
        (CHARGING_DOCUMENT, "Charging document prepared", ""),
        (REFERRAL, "Referred to ICE", ""),
        (WARRANT_SERVED, "Administrative warrant served", ""),
        (REMOVED, "Removed from the United States", ""),
    ]


# Steps the agency's officers record; a removal is ICE's to record (``record_removal``).
OFFICER_STEPS = [StepKind.CHARGING_DOCUMENT, StepKind.REFERRAL, StepKind.WARRANT_SERVED]


class Document(ChoiceSet):
    """Forms a step may name."""

    NTA = "I-862"
    I_200 = "I-200"
    I_205 = "I-205"
    I_213 = "I-213"
    I_851 = "I-851"
    NONE = ""
    CHOICES = [
        (NTA, "I-862 Notice to Appear", ""),
        (I_213, "I-213 Record of Deportable/Inadmissible Alien", ""),
        (I_851, "I-851 Notice of Intent to Issue a Final Administrative Removal Order", ""),
        (I_200, "I-200 Warrant for Arrest of Alien", ""),
        (I_205, "I-205 Warrant of Removal/Deportation", ""),
    ]


# Which documents each step may carry (a warrant service names the warrant it served).
STEP_DOCUMENTS = {
    StepKind.CHARGING_DOCUMENT: [Document.NTA, Document.I_213, Document.I_851],
    StepKind.REFERRAL: [Document.NONE, Document.I_213],
    StepKind.WARRANT_SERVED: [Document.I_200, Document.I_205],
    StepKind.REMOVED: [Document.NONE, Document.I_205],
}
