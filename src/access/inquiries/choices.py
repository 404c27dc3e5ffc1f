"""Status values of LESC inquiries, with USWDS tag colours."""

from __future__ import annotations

from access.core.choices import ChoiceSet


class InquiryStatus(ChoiceSet):
    RECEIVED = "received"
    AWAITING_DETAILS = "awaiting_details"
    AWAITING_ANALYST = "awaiting_analyst"
    ANSWERED = "answered"
    CITIZENSHIP_STOP = "citizenship_stop"
    SUPERVISOR_DECIDED = "supervisor_decided"
    CHOICES = [
        (RECEIVED, "Received", "bg-base"),
        (AWAITING_DETAILS, "Awaiting details from the agency", "bg-accent-cool-darker"),
        (AWAITING_ANALYST, "Awaiting an analyst", "bg-accent-warm-darker"),
        (ANSWERED, "Answered", "bg-green"),
        (CITIZENSHIP_STOP, "Citizenship stop: awaiting a supervisor", "bg-secondary-dark"),
        (SUPERVISOR_DECIDED, "Supervisor decided", "bg-primary-dark"),
    ]


class Channel(ChoiceSet):
    WEB = "web"
    API = "api"
    NLETS_TEXT = "nlets_text"
    NIEM_XML = "niem_xml"
    CHOICES = [
        (WEB, "Web form", ""),
        (API, "REST API (fields)", ""),
        (NLETS_TEXT, "Nlets text IAQ", ""),
        (NIEM_XML, "NIEM XML IAQ", ""),
    ]


class DetailsSource(ChoiceSet):
    """How the reason and case number of an inquiry that arrived without them were given."""

    AGENCY_MESSAGE = "agency_message"
    ANALYST_CALL = "analyst_call"
    CHOICES = [
        (AGENCY_MESSAGE, "The agency's reply message", ""),
        (ANALYST_CALL, "Recorded by an analyst from a call with the agency", ""),
    ]


class Determination(ChoiceSet):
    FOUND_VERIFIED = "found_verified"
    NO_RECORD = "no_record"
    BIOMETRICS_NEEDED = "biometrics_needed"
    US_CITIZEN = "us_citizen_indicated"
    CHOICES = [
        (FOUND_VERIFIED, "Record found and verified", "bg-primary-dark"),
        (NO_RECORD, "No record found", "bg-base-dark"),
        (BIOMETRICS_NEEDED, "Possible record: biometrics needed", "bg-accent-warm-darker"),
        (US_CITIZEN, "U.S. citizen indicated", "bg-green"),
    ]


class Evidence(ChoiceSet):
    DHS_INDICES = "dhs_indices"
    NCIC = "ncic"
    III = "iii"
    RECORD_COMPARISON = "record_comparison"
    SUBJECT_STATEMENT = "subject_statement"
    CHOICES = [
        (DHS_INDICES, "DHS immigration indices", ""),
        (NCIC, "NCIC", ""),
        (III, "Interstate Identification Index (III)", ""),
        (RECORD_COMPARISON, "Side-by-side comparison of the candidate record", ""),
        (SUBJECT_STATEMENT, "The subject's statement", ""),
    ]


class SupervisorDecision(ChoiceSet):
    CITIZEN = "citizen"
    NOT_ESTABLISHED = "not_established"
    CHOICES = [
        (CITIZEN, "U.S. citizenship indicated: no immigration action", "bg-green"),
        (
            NOT_ESTABLISHED,
            "Citizenship not established: return to the analyst",
            "bg-accent-warm-darker",
        ),
    ]


class StopReason(ChoiceSet):
    CLAIM = "subject_claims"
    RECORD_US_BIRTH = "record_us_birth"
    RECORD_NATURALIZED = "record_naturalized"
    ANALYST = "analyst_indicated"
    EVIDENCE = "evidence_reported"
    CHOICES = [
        (CLAIM, "The subject claims U.S. citizenship", ""),
        (RECORD_US_BIRTH, "A candidate record shows birth in the U.S.", ""),
        (RECORD_NATURALIZED, "A candidate record shows naturalization", ""),
        (ANALYST, "The analyst found U.S. citizenship indicated", ""),
        (EVIDENCE, "An officer or supervisor reported evidence of U.S. citizenship", ""),
    ]


class MisuseRuleKind(ChoiceSet):
    VOLUME = "volume"
    REPEAT_SUBJECT = "repeat_subject"
    NO_CHARGE = "no_charge"
    NO_CASE = "no_matching_case"
    OFF_HOURS = "off_hours_burst"
    SAME_AS_OFFICER = "same_as_officer"
    RECORD_READS = "record_reads"
    DENIALS = "denials"
    CHOICES = [
        (VOLUME, "One user sends more than THRESHOLD inquiries within WINDOW minutes", ""),
        (
            REPEAT_SUBJECT,
            "One agency asks about the same subject more than THRESHOLD times "
            "within WINDOW minutes",
            "",
        ),
        (NO_CHARGE, "An inquiry with no charge (offense 0399) for a subject not in custody", ""),
        (
            NO_CASE,
            "The case number is not an open case in the inquiring agency's case register",
            "",
        ),
        (
            OFF_HOURS,
            "One user sends THRESHOLD or more inquiries within WINDOW minutes at hours when "
            "their own past inquiries show little or no activity",
            "",
        ),
        (
            SAME_AS_OFFICER,
            "The subject's family name, or a candidate record's address, is the "
            "submitting officer's own",
            "",
        ),
        (
            RECORD_READS,
            "One user opens more than THRESHOLD person records outside an inquiry within "
            "WINDOW minutes",
            "",
        ),
        (
            DENIALS,
            "One user is refused (not allowed or not found) more than THRESHOLD times within "
            "WINDOW minutes",
            "",
        ),
    ]


class FlagStatus(ChoiceSet):
    OPEN = "open"
    CLOSED = "closed"
    CHOICES = [(OPEN, "Open", "bg-secondary-dark"), (CLOSED, "Closed", "bg-base-dark")]


class Finding(ChoiceSet):
    NO_MISUSE = "no_misuse"
    MISUSE = "misuse"
    TRAINING = "training_needed"
    CHOICES = [
        (NO_MISUSE, "No misuse: a legitimate purpose was documented", ""),
        (MISUSE, "Misuse: referred for action", ""),
        (TRAINING, "No misuse, but the user needs training", ""),
    ]
