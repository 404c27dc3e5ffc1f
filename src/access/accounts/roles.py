"""The seeded roles and what each may do. Grants are data; this is only their first version."""

from __future__ import annotations

from typing import Any

AGENCY, ALL, TEAM = "agency", "all", "team"

_AGENCY_READ = {"agencies.view_agency": AGENCY}
_ICE_READ = {
    "agencies.view_agency": ALL,
    "agencies.export_agency": ALL,
    "agencies.view_publishedsnapshot": ALL,
}
_AGENCY_MANAGE = {
    "agencies.view_publishedsnapshot": ALL,
    "agencies.import_publishedsnapshot": ALL,
    "agencies.view_agency": ALL,
    "agencies.add_agency": ALL,
    "agencies.change_agency": ALL,
    "agencies.export_agency": ALL,
}

# Intake and agreements. Transitions are separate grants so each step has its own owner.
_REQUEST_AGENCY = {
    "partnerships.view_accessrequest": AGENCY,
    "partnerships.add_accessrequest": AGENCY,
    "partnerships.submit_accessrequest": AGENCY,
    "agreements.view_agreement": AGENCY,
    "agreements.agencyreview_agreement": AGENCY,
    "agreements.sign_agreement": AGENCY,
}
_REQUEST_ICE_READ = {"partnerships.view_accessrequest": ALL, "agreements.view_agreement": ALL}
# LESC inquiries: officers submit for their agency; analysts answer; supervisors decide
# citizenship stops; oversight reviews misuse flags.
_INQUIRY_OFFICER = {"inquiries.add_inquiry": AGENCY, "inquiries.view_inquiry": AGENCY}
_INQUIRY_ANALYST = {"inquiries.view_inquiry": ALL, "inquiries.answer_inquiry": ALL}
_INQUIRY_SUPERVISOR = {"inquiries.view_inquiry": ALL, "inquiries.decide_inquiry": ALL}
_INQUIRY_OVERSIGHT = {
    "inquiries.view_inquiry": ALL,
    "inquiries.review_misuseflag": ALL,
    "inquiries.configure_misuserule": ALL,
}
# The Nlets outbox (IARs sent back to agencies): analysts and supervisors see it and send a
# failed message again; oversight only reads it.
_OUTBOX_READ = {"messaging.view_outboundmessage": ALL}
_OUTBOX_RESEND = {**_OUTBOX_READ, "messaging.resend_outboundmessage": ALL}
# Agency case registers (inquiries must name an open case): the agency's liaison keeps its
# own, ICE program staff any; oversight reads them. Officers who inquire do not keep them.
_CASES_AGENCY = {
    "inquiries.view_agencycase": AGENCY,
    "inquiries.add_agencycase": AGENCY,
    "inquiries.change_agencycase": AGENCY,
}
_CASES_ALL = {
    "inquiries.view_agencycase": ALL,
    "inquiries.add_agencycase": ALL,
    "inquiries.change_agencycase": ALL,
}
# CAP screening: a CAP officer works only the facilities their CAP team covers (scope
# ``team``); supervisors decide citizenship stops; oversight reads everything.
_CAP_OFFICER = {
    "cap.view_capteam": TEAM,
    "cap.view_capfacility": TEAM,
    "cap.change_capfacility": TEAM,
    "cap.screen_capfacility": TEAM,
    "cap.view_roster": TEAM,
    "cap.add_roster": TEAM,
    "cap.cancel_roster": TEAM,
    "cap.view_booking": TEAM,
    "cap.view_screeningcandidate": TEAM,
    "cap.review_screeningcandidate": TEAM,
    "cap.export_screeningcandidate": TEAM,
    "cap.view_interview": TEAM,
    "cap.add_interview": TEAM,
    "cap.change_interview": TEAM,
    # A removable interview outcome becomes an encounter and a detainer at the team's jails.
    "enforcement.view_encounter": TEAM,
    "enforcement.add_encounter": TEAM,
    "detention.view_detainer": TEAM,
    "detention.add_detainer": TEAM,
    "detention.resolve_detainer": TEAM,
}
_CAP_READ = {
    "cap.view_capteam": ALL,
    "cap.view_capfacility": ALL,
    "cap.view_roster": ALL,
    "cap.view_booking": ALL,
    "cap.view_screeningcandidate": ALL,
    "cap.export_screeningcandidate": ALL,
    "cap.view_interview": ALL,
}
_CAP_SUPERVISOR = {**_CAP_READ, "cap.decide_screeningcandidate": ALL}
# Program managers assign a facility to the CAP team that covers it (and may edit its settings).
_CAP_PROGRAM = {
    "cap.view_capteam": ALL,
    "cap.view_capfacility": ALL,
    "cap.change_capfacility": ALL,
}
# Person records: only roles that verify identities or oversee; viewing is audited.
# Task forces (issue 19): program staff open and run every task force; ICE members (the
# field agents on one) see theirs, and its ICE lead changes the charter; agencies see the task
# forces they take part in; supervisors, directors and oversight read.
_TF_PROGRAM = {
    "taskforces.view_taskforce": ALL,
    "taskforces.add_taskforce": ALL,
    "taskforces.change_taskforce": ALL,
    "taskforces.export_taskforce": ALL,
    "taskforces.view_operation": ALL,
    "taskforces.add_operation": ALL,
    "taskforces.change_operation": ALL,
    "taskforces.export_operation": ALL,
}
_TF_MEMBER = {
    "taskforces.view_taskforce": TEAM,
    "taskforces.change_taskforce": TEAM,
    "taskforces.view_operation": TEAM,
    "taskforces.add_operation": TEAM,
    "taskforces.change_operation": TEAM,
}
_TF_AGENCY = {"taskforces.view_taskforce": AGENCY, "taskforces.view_operation": AGENCY}
_TF_READ = {"taskforces.view_taskforce": ALL, "taskforces.view_operation": ALL}
_TF_OVERSIGHT = {
    **_TF_READ,
    "taskforces.export_taskforce": ALL,
    "taskforces.export_operation": ALL,
}

_PERSON_RECORDS = {"records.view_personrecord": ALL}
# The matching model card (versions, calibration, evaluation): program managers and auditors.
_MODEL_CARD = {"records.view_matchmodelversion": ALL}
# Officers (287(g) and LESC): the liaison nominates and withdraws its own agency's officers;
# ICE field staff run background checks, classes and exams; the field office director
# authorizes and suspends; program managers also lift disqualifications; supervisors and
# oversight read.
_OFFICERS_AGENCY = {
    "officers.view_officer": AGENCY,
    "officers.add_officer": AGENCY,
    "officers.withdraw_officer": AGENCY,
    "officers.report_officer": AGENCY,
    "officers.link_officer": AGENCY,
}
_OFFICERS_READ = {"officers.view_officer": ALL}
_OFFICERS_STAFF = {
    **_OFFICERS_READ,
    "officers.add_officer": ALL,
    "officers.screen_officer": ALL,
    "officers.train_officer": ALL,
    "officers.supervise_officer": ALL,
    "officers.export_officer": ALL,
}
_OFFICERS_DIRECTOR = {
    **_OFFICERS_READ,
    "officers.authorize_officer": ALL,
    "officers.manage_officer": ALL,
    "officers.suspend_officer": ALL,
    "officers.supervise_officer": ALL,
    "officers.export_officer": ALL,
}
_OFFICERS_MANAGER = {
    **_OFFICERS_STAFF,
    "officers.lift_officer": ALL,
    "officers.manage_officer": ALL,
    "officers.suspend_officer": ALL,
    "officers.withdraw_officer": ALL,
}
# Complaints: ICE's Office of Professional Responsibility (OPR) investigates every complaint
# and may suspend an officer's authority while one is pending (not reinstate: that stays with
# the field office director); program managers and oversight read. Agencies do not see them.
_COMPLAINTS_READ = {"complaints.view_complaint": ALL}
_COMPLAINTS_OPR = {
    **_COMPLAINTS_READ,
    "complaints.add_complaint": ALL,
    "complaints.investigate_complaint": ALL,
    "complaints.export_complaint": ALL,
    "officers.view_officer": ALL,
    "officers.suspend_officer": ALL,
    "agencies.view_agency": ALL,
}
# Enforcement (287(g) encounters): agency officers record, verify (as the officer) and add
# steps for their own agency; ICE supervisors confirm identifications, decide citizenship
# stops and record removals (ICE's act, not the agency's); program managers and auditors
# read and export everything.
_ENCOUNTERS_OFFICER = {
    "enforcement.view_encounter": AGENCY,
    "enforcement.add_encounter": AGENCY,
    "enforcement.verify_encounter": AGENCY,
    "enforcement.step_encounter": AGENCY,
}
_ENCOUNTERS_SUPERVISOR = {
    "enforcement.view_encounter": ALL,
    "enforcement.confirm_encounter": ALL,
    "enforcement.decide_encounter": ALL,
    "enforcement.remove_encounter": ALL,
}
_ENCOUNTERS_READ = {"enforcement.view_encounter": ALL, "enforcement.export_encounter": ALL}
# Detainers: agency officers issue and record the release and outcome for their own agency;
# ICE supervisors record outcomes anywhere; program managers and auditors read and export.
_DETAINERS_OFFICER = {
    "detention.view_detainer": AGENCY,
    "detention.add_detainer": AGENCY,
    "detention.resolve_detainer": AGENCY,
}
_DETAINERS_SUPERVISOR = {"detention.view_detainer": ALL, "detention.resolve_detainer": ALL}
_DETAINERS_READ = {"detention.view_detainer": ALL, "detention.export_detainer": ALL}
# Criminal intelligence (28 CFR Part 23): records open to the people serving on the record's
# task force (scope ``team``: current members and the ICE lead, intelligence/membership.py),
# whatever their agency; ICE program managers and oversight read every record and the release
# log. A liaison or officer who is not a member sees none.
_INTEL_MEMBER = {
    "intelligence.view_intelligencerecord": TEAM,
    "intelligence.add_intelligencerecord": TEAM,
    "intelligence.release_intelligencerecord": TEAM,
    "intelligence.view_release": TEAM,
}
_INTEL_REVIEWER = {**_INTEL_MEMBER, "intelligence.validate_intelligencerecord": TEAM}
_INTEL_READ = {
    "intelligence.view_intelligencerecord": ALL,
    "intelligence.view_release": ALL,
    "intelligence.export_release": ALL,
}
_REQUEST_AGENT = {
    **_REQUEST_ICE_READ,
    "partnerships.assess_accessrequest": ALL,
    "agreements.add_agreement": ALL,
    "agreements.change_agreement": ALL,
}
_REQUEST_MANAGER = {
    **_REQUEST_AGENT,
    "partnerships.assign_accessrequest": ALL,
    "partnerships.configure_recommendation": ALL,
    "agreements.legalreview_agreement": ALL,
    "agreements.sign_agreement": ALL,
    "agreements.manage_agreement": ALL,
    "agreements.export_agreement": ALL,
}

ROLES: dict[str, dict[str, object]] = {
    "agency_liaison": {
        "name": "Agency liaison",
        "description": "Represents a local agency: files partnership requests, reads its agreements, keeps its case register.",
        "home_queue": "agency",
        "grants": {
            **_INTEL_REVIEWER,
            **_AGENCY_READ,
            **_REQUEST_AGENCY,
            **_CASES_AGENCY,
            **_OFFICERS_AGENCY,
            **_TF_AGENCY,
        },
    },
    "agency_officer": {
        "name": "Agency officer",
        "description": "An officer of a partner agency: submits inquiries, records authorized actions.",
        "home_queue": "agency",
        "grants": {
            **_INTEL_MEMBER,
            **_AGENCY_READ,
            "partnerships.view_accessrequest": AGENCY,
            "agreements.view_agreement": AGENCY,
            **_INQUIRY_OFFICER,
            # Their own officer record only (linked to their account), never the agency's.
            "officers.view_own_officer": AGENCY,
            **_ENCOUNTERS_OFFICER,
            **_DETAINERS_OFFICER,
            **_TF_AGENCY,
        },
    },
    "ice_program_manager": {
        "name": "ICE program manager",
        "description": "Runs the program: assigns requests, manages agencies and agreement templates.",
        "home_queue": "program",
        "grants": {
            **_INTEL_READ,
            **_AGENCY_MANAGE,
            **_REQUEST_MANAGER,
            **_CASES_ALL,
            **_MODEL_CARD,
            **_OFFICERS_MANAGER,
            **_COMPLAINTS_READ,
            "officers.link_officer": ALL,
            **_ENCOUNTERS_READ,
            **_DETAINERS_READ,
            **_CAP_PROGRAM,
            **_TF_PROGRAM,
            "audit.view_auditevent": ALL,
        },
    },
    "ice_field_agent": {
        "name": "ICE field agent",
        "description": "Assesses needs, drafts plans and agreements, supervises officers.",
        "home_queue": "field",
        "grants": {
            **_INTEL_REVIEWER,
            **_ICE_READ,
            **_REQUEST_AGENT,
            **_OFFICERS_STAFF,
            **_TF_MEMBER,
        },
    },
    "ice_field_office_director": {
        "name": "ICE field office director",
        "description": "Field office director or special agent in charge: authorizes 287(g) officers for a year, suspends and revokes.",
        "home_queue": "field",
        "grants": {**_ICE_READ, **_REQUEST_ICE_READ, **_OFFICERS_DIRECTOR, **_TF_READ},
    },
    "ice_supervisor": {
        "name": "ICE supervisor",
        "description": "Supervises authorized officers; decides citizenship-stop cases.",
        "home_queue": "supervisor",
        "grants": {
            **_INTEL_REVIEWER,
            **_ICE_READ,
            **_REQUEST_ICE_READ,
            **_PERSON_RECORDS,
            **_INQUIRY_SUPERVISOR,
            **_OUTBOX_RESEND,
            **_OFFICERS_READ,
            **_ENCOUNTERS_SUPERVISOR,
            **_DETAINERS_SUPERVISOR,
            **_CAP_SUPERVISOR,
            **_TF_READ,
        },
    },
    "lesc_analyst": {
        "name": "LESC analyst",
        "description": "Answers immigration-status inquiries after verifying candidate records.",
        "home_queue": "lesc",
        "grants": {**_ICE_READ, **_PERSON_RECORDS, **_INQUIRY_ANALYST, **_OUTBOX_RESEND},
    },
    "cap_officer": {
        "name": "CAP officer",
        "description": "Screens jail rosters and verifies referrals.",
        "home_queue": "cap",
        "grants": {**_ICE_READ, **_PERSON_RECORDS, **_CAP_OFFICER},
    },
    "oversight_auditor": {
        "name": "Oversight auditor",
        "description": "Reads the audit trail, reviews flags and compliance; changes no records.",
        "home_queue": "oversight",
        "grants": {
            **_INTEL_READ,
            **_ICE_READ,
            **_REQUEST_ICE_READ,
            **_PERSON_RECORDS,
            **_INQUIRY_OVERSIGHT,
            **_OUTBOX_READ,
            **_MODEL_CARD,
            "inquiries.view_agencycase": ALL,
            "agreements.export_agreement": ALL,
            "officers.view_officer": ALL,
            "officers.export_officer": ALL,
            **_COMPLAINTS_READ,
            "complaints.export_complaint": ALL,
            "audit.view_auditevent": ALL,
            "audit.export_auditevent": ALL,
            "audit.review_auditevent": ALL,
            **_ENCOUNTERS_READ,
            **_DETAINERS_READ,
            **_CAP_READ,
            **_TF_OVERSIGHT,
        },
    },
    "opr_investigator": {
        "name": "OPR investigator",
        "description": "ICE Office of Professional Responsibility: investigates complaints about officers and agencies within 90 days.",
        "home_queue": "opr",
        "grants": _COMPLAINTS_OPR,
    },
    "system_administrator": {
        "name": "System administrator",
        "description": "Manages accounts, roles and lockouts; two administrators approve accounts.",
        "home_queue": "admin",
        "grants": {
            **_AGENCY_MANAGE,
            "accounts.view_user": ALL,
            "accounts.add_user": ALL,
            "accounts.change_user": ALL,
            "accounts.approve_user": ALL,
        },
    },
}


def seed_roles(role_model: Any, grant_model: Any) -> None:
    """Create or update the seeded roles (idempotent; used by a data migration)."""
    for slug, spec in ROLES.items():
        role, _ = role_model.objects.update_or_create(
            slug=slug,
            defaults={
                "name": spec["name"],
                "description": spec["description"],
                "home_queue": spec["home_queue"],
            },
        )
        grants: dict[str, str] = spec["grants"]  # type: ignore[assignment]
        for permission, scope in grants.items():
            grant_model.objects.update_or_create(
                role=role, permission=permission, defaults={"scope": scope}
            )


def reseed(apps: Any, schema_editor: Any) -> None:
    """Data-migration step: bring the stored roles and grants up to ROLES above.

    Each migration that changes grants calls this; it is idempotent and uses the historical
    models, so any later migration reaches the same rows.
    """
    seed_roles(apps.get_model("accounts", "Role"), apps.get_model("accounts", "Grant"))
