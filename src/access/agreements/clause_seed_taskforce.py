"""Version 1 of the joint task-force clause template (partnership types ``tf_gangs``,
``tf_fraud`` and ``ocs``): the charter, members, supervision, information sharing, costs,
duration and termination, in neutral language. Seeded with the other templates by
``clause_seed.seed_templates``; later changes are new ``ClauseTemplate`` versions."""

from __future__ import annotations

TASK_FORCE_SECTIONS: dict[str, tuple[str, str]] = {
    "parties": (
        "Parties",
        "This Memorandum of Agreement (MOA) is made between U.S. Immigration and Customs "
        "Enforcement (ICE), a component of the Department of Homeland Security (DHS), and the "
        "{{ agency_name }}, {{ agency_state }} (the law enforcement agency, LEA), to form a "
        "joint task force under the {{ model_name }}. Other agencies may join the task force "
        "by signing this MOA or an MOA on the same terms. The parties enter into this MOA in "
        "good faith and agree to abide by its terms.",
    ),
    "charter": (
        "Charter of the task force",
        "The task force addresses one defined criminal challenge in a defined area. Its "
        "charter, kept in the ACCESS system, states the challenge, the area of operation, the "
        "participating agencies, the ICE lead, the objectives with the measure of each, the "
        "start date and the date of the next charter review. The charter is reviewed at least "
        "once a year; a change of challenge or area is a modification of this MOA. Operations "
        "target criminal cases; no person is selected for an operation on the basis of race, "
        "ethnicity, national origin, language or religion, or of membership in a group alone.",
    ),
    "members": (
        "Members",
        "Each participating agency names the officers it assigns to the task force, with "
        "their roles and dates; ICE names its lead and its agents. Membership ends when the "
        "officer's assignment ends or the agency leaves the task force. A member who exercises "
        "immigration authority delegated under section 287(g) of the Immigration and "
        "Nationality Act does so only under a separate 287(g) MOA of the member's agency and "
        "only while authorized under it; every such use on a task-force operation is checked "
        "and recorded.",
    ),
    "supervision": (
        "Supervision",
        "Task-force operations are planned and directed by the ICE lead with the supervisors "
        "of the participating agencies. Members remain employees of their own agencies and "
        "subject to their agencies' rules of conduct and discipline; in the exercise of any "
        "delegated immigration authority they are supervised by ICE. Each operation is "
        "recorded with its dates, area, members taking part, target cases and outcomes.",
    ),
    "information_sharing": (
        "Information sharing",
        "Information exchanged under this MOA is used only for the task force's purposes and "
        "kept in the ACCESS system, which records each access. Criminal intelligence is "
        "collected, kept, reviewed and disseminated only as 28 CFR Part 23 allows: on "
        "reasonable suspicion of involvement in definable criminal activity, reviewed at least "
        "every five years, and released only to persons with a need and a right to know. "
        "Neither party discloses the other's information to a third party except as the law "
        "requires. Personally identifiable information is protected as the Privacy Act of "
        "1974 and DHS policy require.",
    ),
    "civil_rights": (
        "Civil rights standards",
        "Members acting under this MOA are bound by all applicable Federal civil rights laws, "
        "regulations and guidance on non-discrimination, including Title VI of the Civil "
        "Rights Act of 1964. Complaints about members' conduct may be made by anyone, in any "
        "language, and are referred to ICE's Office of Professional Responsibility or the "
        "member's agency as appropriate.",
    ),
    "costs": (
        "Costs",
        "Each party bears the salaries, benefits, equipment and travel of its own members. "
        "This MOA obligates no funds of either party; any reimbursement of overtime or other "
        "costs requires a separate written agreement and available appropriations.",
    ),
    "duration": (
        "Duration",
        "This MOA becomes effective on {{ effective_date }} and remains in effect until "
        "{{ expiry_date }}, unless renewed or terminated earlier. The parties review the task "
        "force's objectives and outcomes at each charter review.",
    ),
    "termination": (
        "Termination",
        "Either party may terminate its participation by written notice to the other, "
        "effective 30 days after the notice unless it names a later date; the LEA sends its "
        "notice to {{ ice_office_name }}. On termination the LEA's members leave the task "
        "force and records already shared are kept under the applicable records schedules "
        "and 28 CFR Part 23.\n\n"
        "This MOA does not create any right, substantive or procedural, enforceable at law by "
        "any person in any matter, civil or criminal.",
    ),
}

# In MOA order; "modification" and "appendix_contacts" are the common sections.
TASK_FORCE_ORDER = [
    "parties",
    "charter",
    "members",
    "supervision",
    "information_sharing",
    "civil_rights",
    "costs",
    "modification",
    "duration",
    "termination",
    "appendix_contacts",
]
