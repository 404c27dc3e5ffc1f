"""Criminal intelligence: the definable criminal activities a record may name, the source of
the information and its reliability, and the record's status.

No choice here describes a person's race, ethnicity, national origin, language, religion or
political, religious or social views (28 CFR 23.20(b); safeguard 6)."""

from __future__ import annotations

from access.core.choices import ChoiceSet


class CriminalActivity(ChoiceSet):
    """A definable criminal activity (28 CFR 23.20(a)). "Other" needs the offence named."""

    GANG_VIOLENCE = "gang_violence"
    DRUG_TRAFFICKING = "drug_trafficking"
    HUMAN_SMUGGLING = "human_smuggling"
    HUMAN_TRAFFICKING = "human_trafficking"
    WEAPONS_TRAFFICKING = "weapons_trafficking"
    DOCUMENT_FRAUD = "document_fraud"
    BENEFIT_FRAUD = "benefit_fraud"
    IDENTITY_THEFT = "identity_theft"
    MONEY_LAUNDERING = "money_laundering"
    EXTORTION = "extortion"
    OTHER = "other"
    CHOICES = [
        (GANG_VIOLENCE, "Violent gang crime (assault, homicide, racketeering)", ""),
        (DRUG_TRAFFICKING, "Drug trafficking", ""),
        (HUMAN_SMUGGLING, "Human smuggling", ""),
        (HUMAN_TRAFFICKING, "Human trafficking", ""),
        (WEAPONS_TRAFFICKING, "Weapons trafficking", ""),
        (DOCUMENT_FRAUD, "Document fraud", ""),
        (BENEFIT_FRAUD, "Benefit fraud", ""),
        (IDENTITY_THEFT, "Identity theft", ""),
        (MONEY_LAUNDERING, "Money laundering", ""),
        (EXTORTION, "Extortion", ""),
        (OTHER, "Another criminal offence (named in the detail)", ""),
    ]


class SourceType(ChoiceSet):
    CONFIDENTIAL_INFORMANT = "informant"
    OFFICER_OBSERVATION = "observation"
    INVESTIGATION = "investigation"
    PUBLIC_RECORD = "public_record"
    OTHER_AGENCY = "other_agency"
    VICTIM_WITNESS = "victim_witness"
    CHOICES = [
        (CONFIDENTIAL_INFORMANT, "Confidential informant", ""),
        (OFFICER_OBSERVATION, "Officer's observation", ""),
        (INVESTIGATION, "Investigation (records, surveillance, warrant return)", ""),
        (PUBLIC_RECORD, "Public record", ""),
        (OTHER_AGENCY, "Another law enforcement agency", ""),
        (VICTIM_WITNESS, "Victim or witness", ""),
    ]


class SourceReliability(ChoiceSet):
    """How far the source has proved reliable (the customary A to D scale of intelligence
    evaluation)."""

    RELIABLE = "reliable"
    USUALLY_RELIABLE = "usually_reliable"
    UNKNOWN = "unknown"
    UNRELIABLE = "unreliable"
    CHOICES = [
        (RELIABLE, "Reliable: no doubt of the source's reliability", "bg-green"),
        (USUALLY_RELIABLE, "Usually reliable", ""),
        (UNKNOWN, "Reliability cannot be judged", "bg-base"),
        (UNRELIABLE, "Unreliable in the past", "bg-secondary"),
    ]


class RecordStatus(ChoiceSet):
    ACTIVE = "active"
    PURGED = "purged"
    CHOICES = [
        (ACTIVE, "Active", "bg-green"),
        (PURGED, "Purged", "bg-base-dark"),
    ]
