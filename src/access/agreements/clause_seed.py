"""The first clause templates (version 1, effective 1 January 2025), seeded by a migration:
the three 287(g) models, LESC access and training, and the Criminal Alien Program (CAP).

The text paraphrases the structure and obligations of ICE's 2025 287(g) Memoranda of
Agreement (Jail Enforcement Model, Task Force Model, Warrant Service Officer) in neutral
language. It is Django template source rendered in a sandbox (``clauses.render_sections``)
with only the agreement's variables. Do not edit this text to change live agreements: add a
new ``ClauseTemplate`` version with a later ``effective_from`` (``access load_clause_template``).
"""

from __future__ import annotations

from typing import Any

from access.agreements.clause_seed_taskforce import TASK_FORCE_ORDER, TASK_FORCE_SECTIONS
from access.agreements.clauses import REQUIRED_SECTIONS

SEED_VERSION = 1
SEED_EFFECTIVE_FROM = "2025-01-01"

PRIORITY_LEVELS = (
    "ICE sets the following priority levels, and the parties direct the resources of this "
    "MOA first to the highest level:\n"
    "- Level 1: noncitizens convicted of or arrested for major drug offenses or violent "
    "offenses such as murder, manslaughter, rape, robbery and kidnapping, and those who pose a "
    "threat to national security;\n"
    "- Level 2: noncitizens convicted of or arrested for minor drug offenses or mainly "
    "property offenses such as burglary, larceny, fraud and money laundering;\n"
    "- Level 3: noncitizens convicted of or arrested for other offenses.\n\n"
    "Every action taken under this MOA is recorded with the charge, its severity and its "
    "priority level, so that the use of the delegated authority can be reviewed against "
    "these levels."
)

PURPOSE = {
    "JEM": (
        "The objective of this MOA is to enhance public safety by identifying, processing and, "
        "where appropriate, transferring to ICE custody removable noncitizens who are booked into "
        "the jail or correctional facilities of the {{ agency_name }} and who are subject to "
        "criminal charges or convictions."
    ),
    "TFM": (
        "The objective of this MOA is to enhance public safety by allowing trained and "
        "supervised personnel of the {{ agency_name }} to identify and arrest removable "
        "noncitizens encountered during their regular field duties within the LEA's "
        "jurisdiction in {{ agency_state }}."
    ),
    "WSO": (
        "The objective of this MOA is to enhance public safety by facilitating the custodial "
        "transfer to ICE of specific noncitizens held in the jail or correctional facilities of "
        "the {{ agency_name }} at the time of their scheduled release from criminal custody, "
        "through the service of ICE administrative warrants."
    ),
}

FUNCTIONS = {
    "JEM": (
        "Participating LEA personnel are authorized to perform only the following functions, "
        "and only within the LEA's jail and correctional facilities:\n"
        "- to interview any person believed to be a noncitizen about the person's right to be "
        "or to remain in the United States, and to process for immigration violations persons "
        "booked into the jail on State or local criminal charges;\n"
        "- to serve and execute ICE warrants of arrest for immigration violations;\n"
        "- to administer oaths and to take and consider evidence, including fingerprints, "
        "photographs and sworn statements, for review by an ICE supervisor;\n"
        "- to prepare charging documents, including the Notice to Appear, for the signature of "
        "an ICE officer;\n"
        "- to issue immigration detainers under 8 C.F.R. 287.7 and to prepare the Record of "
        "Deportable/Inadmissible Alien (Form I-213);\n"
        "- to detain and transport arrested persons subject to removal to ICE-approved "
        "detention facilities.\n\n"
        "Participating LEA personnel report every detainer issued under this MOA to ICE within "
        "about 24 hours, and every claim or indication of United States citizenship to ICE "
        "immediately, and in any case within one hour; such a claim stops the process until an "
        "ICE supervisor has decided."
    ),
    "TFM": (
        "Participating LEA personnel are authorized to perform only the following functions, "
        "during their regular field duties within the LEA's jurisdiction and only in categories "
        "of cases set by ICE supervisors:\n"
        "- to question any person believed to be a noncitizen about the person's right to be "
        "or to remain in the United States;\n"
        "- to arrest without a warrant a noncitizen whom the officer has reason to believe is "
        "in the United States in violation of law and likely to escape before a warrant can be "
        "obtained, and to bring the person without unnecessary delay before an immigration "
        "officer;\n"
        "- to serve and execute ICE warrants of arrest for immigration violations;\n"
        "- to administer oaths and to take and consider evidence for review by an ICE "
        "supervisor;\n"
        "- to prepare charging documents for the signature of an ICE officer, and to issue "
        "immigration detainers and Forms I-213 for persons in categories set by ICE "
        "supervisors;\n"
        "- to take custody of arrested persons and transport them on the same day to an "
        "ICE-approved detention facility.\n\n"
        "The LEA pursues to completion any State or local charges that caused a person to be "
        "taken into custody. Every claim or indication of United States citizenship is reported "
        "to ICE immediately and stops the process until an ICE supervisor has decided."
    ),
    "WSO": (
        "Participating LEA personnel are authorized to perform only the following functions, "
        "and only within the LEA's jail and correctional facilities, on persons already in the "
        "LEA's custody:\n"
        "- to serve and execute ICE administrative warrants of arrest (Form I-200) and warrants "
        "of removal (Form I-205) at the time of the person's scheduled release from criminal "
        "custody;\n"
        "- to take the person's fingerprints and photograph for identification when serving "
        "the warrant.\n\n"
        "Participating LEA personnel are not authorized to interview any person about "
        "immigration status, to issue immigration detainers, to prepare charging documents, or "
        "to arrest any person outside the jail under this MOA. The LEA pursues to completion "
        "all criminal charges within its jurisdiction; ICE assumes custody only after the "
        "person is released from LEA custody."
    ),
}

TRAINING_COURSE = {
    "JEM": "the initial Jail Enforcement Model course set by ICE (historically four weeks)",
    "TFM": "the initial Task Force Model course set by ICE (about 40 hours)",
    "WSO": "the initial Warrant Service Officer course set by ICE (an eight-hour online course)",
}

NOMINATION_EXTRA = {
    "JEM": "Candidates must have experience in the security of jail facilities and in inmate "
    "accountability.",
    "TFM": "Candidates must have at least two years of law enforcement experience with the LEA "
    "or another agency.",
    "WSO": "Candidates must have been trained in the security of the LEA's facilities and have "
    "enforced the rules governing inmate accountability and conduct.",
}

COMMON: dict[str, tuple[str, str]] = {
    "parties": (
        "Parties",
        "This Memorandum of Agreement (MOA) is made between U.S. Immigration and Customs "
        "Enforcement (ICE), a component of the Department of Homeland Security (DHS), and the "
        "{{ agency_name }}, {{ agency_state }} (the law enforcement agency, LEA). Under it ICE "
        "delegates to nominated, trained, certified and authorized LEA personnel the authority "
        "to perform certain functions of an immigration officer under the {{ model_name }}, as "
        "specified below. The parties enter into this MOA in good faith and agree to abide by "
        "its terms.",
    ),
    "authority": (
        "Authority",
        "Section 287(g) of the Immigration and Nationality Act (INA), 8 U.S.C. 1357(g), as "
        "amended, authorizes the Secretary of Homeland Security to enter into written "
        "agreements with a State or a political subdivision of a State under which qualified "
        "personnel perform certain functions of an immigration officer. The Secretary has "
        "delegated this authority to ICE. This MOA is such a written agreement.",
    ),
    "policy": (
        "Policy",
        "This MOA sets out the functions the participating LEA personnel may perform, the "
        "duration of their authority and the lines of authority, including ICE direction and "
        "supervision while they perform delegated functions. ICE supervises participating LEA "
        "personnel only as to the delegated immigration functions; the LEA retains supervision "
        "of all other aspects of their employment and duties. Nothing in this MOA otherwise "
        "limits the powers the personnel hold as members of the LEA.",
    ),
    "nomination": (
        "Nomination of personnel",
        "The chief officer of the LEA nominates candidates for training and certification. "
        "The LEA may have no more than {{ officer_limit }} participating personnel at any time "
        "unless ICE agrees in writing to a higher number. All candidates must be United States "
        "citizens. The LEA completes a background check of each candidate covering at least "
        "the past five years. ICE may conduct its own background check, including "
        "fingerprints, a personal history questionnaire and the candidate's disciplinary "
        "history, including any allegation of excessive force or discriminatory action, and the "
        "LEA provides ICE continuing access to the disciplinary records of candidates and "
        "participating personnel. {NOMINATION_EXTRA} All candidates must be approved by ICE; "
        "a qualified substitute may be nominated for a candidate not approved.",
    ),
    "training": (
        "Training of personnel",
        "Before receiving authorization, participating LEA personnel must complete "
        "{TRAINING_COURSE} on the administrative, legal and operational issues of the "
        "delegated functions, taught by ICE instructors. Each nominee must pass the final "
        "examination with a score of at least 70 percent. A nominee who scores less may "
        "review the material and take one similar examination again; a nominee who does not "
        "reach 70 percent on the retake is disqualified and leaves the training. Participating "
        "personnel complete refresher and additional training as ICE requires, and remain "
        "current on that training to keep their authorization.",
    ),
    "certification": (
        "Certification and authorization",
        "Personnel who complete the initial training and pass the required examinations are "
        "certified. On receipt of the certification, the ICE Field Office Director or Special "
        "Agent in Charge responsible for {{ ice_office_name }} issues each certified person a "
        "signed authorization letter naming the functions the person may perform. An "
        "authorization is valid for one year and may be renewed only while the person's "
        "training is current. A person may act under this MOA only while certified, authorized, "
        "current on training and assigned an ICE supervisor. ICE may withdraw an authorization "
        "at any time by written notice; termination of this MOA revokes every authorization. "
        "The LEA gives ICE, where practicable, 90 days' notice when participating personnel "
        "leave the program.",
    ),
    "supervision": (
        "ICE supervision",
        "Immigration enforcement activities of participating LEA personnel are directed and "
        "supervised by ICE officers of {{ ice_office_name }}. Participating personnel do not "
        "perform delegated functions except under that supervision. ICE officers review their "
        "actions on an ongoing basis to ensure compliance with immigration law and procedure "
        "and to identify needs for training or guidance. When an ICE instruction conflicts with "
        "the LEA's rules or policies, the conflict is reported promptly to the points of "
        "contact in Appendix A, who attempt to resolve it.",
    ),
    "reporting": (
        "Reporting requirements",
        "The LEA records each action taken under this MOA in the ACCESS system, including the "
        "charge, its severity and its priority level, and provides ICE the statistical and "
        "other data ICE requests to measure the program by the threat level of the persons "
        "encountered. The LEA and ICE meet at least once a year to review compliance with this "
        "MOA. The LEA cooperates with any Federal investigation or compliance review related to "
        "this MOA, including access to records, personnel and facilities.",
    ),
    "complaints": (
        "Complaint procedures",
        "Complaints about participating LEA personnel concerning activities under this MOA are "
        "handled under the procedure in Appendix B. Every such complaint is reviewed by ICE's "
        "Office of Professional Responsibility (OPR).",
    ),
    "civil_rights": (
        "Civil rights standards",
        "Participating LEA personnel are bound by all applicable Federal civil rights laws, "
        "regulations and guidance on non-discrimination, including the Department of Justice "
        "guidance on the use of race, ethnicity, gender, national origin, religion, sexual "
        "orientation or gender identity by law enforcement; Title VI of the Civil Rights Act of "
        "1964; Section 504 of the Rehabilitation Act of 1973; and Title II of the Americans "
        "with Disabilities Act. No action under this MOA may be based on race, ethnicity, "
        "national origin, language or religion. Participating personnel offer persons with "
        "limited English proficiency an interpreter; the LEA provides qualified interpreters as "
        "needed and records who interpreted.",
    ),
    "modification": (
        "Modification of this MOA",
        "Modifications of this MOA must be proposed in writing and approved by the "
        "signatories. Each modification is recorded as a new version of this MOA.",
    ),
    "term": (
        "Effective date, suspension and termination",
        "This MOA becomes effective on {{ effective_date }} and remains in effect until "
        "{{ expiry_date }}, unless renewed, suspended or terminated earlier. Either party may "
        "terminate it by written notice; the LEA sends its notice to {{ ice_office_name }}.\n\n"
        "Where serious misconduct or a violation of this MOA comes to ICE's attention, ICE may "
        "suspend the MOA at once pending investigation. The notice of suspension states the "
        "reasons, the length of the suspension and how the LEA may respond and report "
        "corrective measures. ICE gives the LEA a reasonable opportunity to respond. Where ICE "
        "decides to move from suspension to termination, it gives the LEA 90 days' notice.\n\n"
        "This MOA does not create any right, substantive or procedural, enforceable at law by "
        "any person in any matter, civil or criminal.",
    ),
    "appendix_contacts": (
        "Appendix A: Points of contact",
        "For ICE: {{ ice_office_name }}.\n"
        "{% for c in ice_contacts %}- {{ c.name }}{% if c.title %}, {{ c.title }}{% endif %}"
        "{% if c.phone %}, {{ c.phone }}{% endif %}{% if c.email %}, {{ c.email }}{% endif %}\n"
        "{% endfor %}\n"
        "For the LEA: {{ agency_name }}, {{ agency_address }}.\n"
        "{% for c in agency_contacts %}- {{ c.name }}{% if c.title %}, {{ c.title }}{% endif %}"
        "{% if c.phone %}, {{ c.phone }}{% endif %}{% if c.email %}, {{ c.email }}{% endif %}\n"
        "{% empty %}- [point of contact to be completed]\n{% endfor %}",
    ),
    "appendix_complaints": (
        "Appendix B: Complaint procedure",
        "Complaints are accepted from any source, including ICE, the LEA, participating "
        "personnel, persons in custody and the public, in writing or orally, in English or "
        "another language. The LEA displays the complaint procedure in its processing areas in "
        "English and Spanish and reads or translates it for anyone who cannot read those "
        "languages. Complaints may be made to ICE OPR or to the LEA's internal affairs "
        "function or the supervisor of the person concerned.\n\n"
        "The LEA notifies ICE within 48 hours (excluding weekends) of any complaint or "
        "allegation that could lead to discipline, a criminal investigation or a civil lawsuit "
        "concerning participating personnel, and reports the result of its inquiry no later "
        "than 30 days after it is resolved. ICE OPR reviews every complaint and decides on "
        "jurisdiction; it may refer a complaint to the LEA. A person under investigation may "
        "be removed from participation, and authority under this MOA may be suspended, while "
        "the complaint is pending. Complaints are expected to be resolved within 90 days; the "
        "complainant and the subject are then notified of the resolution.\n\n"
        "LEA contact for complaints: "
        "{% for c in complaint_contacts %}{{ c.name }}{% if c.title %}, {{ c.title }}{% endif %}"
        "{% if c.phone %}, {{ c.phone }}{% endif %}{% if not forloop.last %}; {% endif %}"
        "{% empty %}the LEA's point of contact in Appendix A{% endfor %}.",
    ),
    "appendix_public_info": (
        "Appendix C: Public information points of contact",
        "The parties coordinate any release of information to the media about actions under "
        "this MOA through the following points of contact.\n"
        "For the LEA: "
        "{% for c in public_info_contacts %}{{ c.name }}{% if c.title %}, {{ c.title }}{% endif %}"
        "{% if c.phone %}, {{ c.phone }}{% endif %}{% if not forloop.last %}; {% endif %}"
        "{% empty %}the LEA's point of contact in Appendix A{% endfor %}.\n"
        "For ICE: the Office of Public Affairs, through {{ ice_office_name }}.",
    ),
}

# LESC access and training: no 287(g) delegation. Trained agency personnel query the Law
# Enforcement Support Center; every other section that differs from the 287(g) text is here.
LESC_SECTIONS: dict[str, tuple[str, str]] = {
    "parties": (
        "Parties",
        "This Memorandum of Agreement (MOA) is made between U.S. Immigration and Customs "
        "Enforcement (ICE), a component of the Department of Homeland Security (DHS), and the "
        "{{ agency_name }}, {{ agency_state }} (the law enforcement agency, LEA). Under it ICE "
        "trains designated LEA personnel to query the Law Enforcement Support Center (LESC) "
        "about the immigration status and criminal history of persons the LEA encounters, and "
        "gives trained personnel access to submit such queries. The parties enter into this "
        "MOA in good faith and agree to abide by its terms.",
    ),
    "purpose": (
        "Purpose",
        "The objective of this MOA is to let the {{ agency_name }} obtain timely, verified "
        "immigration status information from the LESC in the course of its law enforcement "
        "duties, through personnel trained in how to query, how to read an answer, and the "
        "limits of a name-based match. A match is a candidate, never an identification; LESC "
        "staff verify identities before answering.",
    ),
    "authority": (
        "Authority",
        "ICE operates the LESC to provide immigration status and identity information to "
        "Federal, State and local law enforcement agencies. This MOA delegates no authority of "
        "an immigration officer: LEA personnel act under their own authority and use LESC "
        "answers as information only.",
    ),
    "functions": (
        "Designation of authorized functions",
        "Trained and authorized LEA personnel may only submit Immigration Alien Queries (IAQ) "
        "to the LESC and receive its Immigration Alien Responses (IAR), each for a stated "
        "purpose, reason and case number. This MOA authorizes no interview about immigration "
        "status, no arrest, no detainer and no warrant service. Every claim or indication of "
        "United States citizenship stops the inquiry until an ICE supervisor has decided.",
    ),
    "nomination": (
        "Nomination of personnel",
        "The chief officer of the LEA designates candidates for LESC query training. The LEA "
        "may have no more than {{ officer_limit }} trained personnel with access at any time "
        "unless ICE agrees in writing to a higher number. The LEA completes a background check "
        "of each candidate covering at least the past five years and discloses any "
        "disciplinary history, including allegations of misuse of criminal justice "
        "information, excessive force or discrimination. ICE may decline any candidate.",
    ),
    "training": (
        "Training of personnel",
        "Before receiving access, designated personnel complete the LESC query training set "
        "by ICE (an online course) and pass its final examination with a score of at least 70 "
        "percent. A candidate who scores less may take one similar examination again; a "
        "candidate who does not reach 70 percent on the retake is disqualified. Trained "
        "personnel complete an annual refresher to keep their access.",
    ),
    "certification": (
        "Certification and access",
        "Personnel who pass the examination are certified. ICE then grants each certified "
        "person access for one year, renewable only while the person's training is current. "
        "A person may query the LESC only while certified, holding current access and current "
        "on training. ICE may suspend or withdraw access at any time, in particular when "
        "misuse is suspected; termination of this MOA ends every access.",
    ),
    "supervision": (
        "ICE oversight",
        "ICE reviews the LEA's queries for compliance with this MOA, including the stated "
        "purposes and case numbers, and may audit any query. The LEA designates a supervisor "
        "who reviews its personnel's use of LESC access at least once a year.",
    ),
    "reporting": (
        "Reporting requirements",
        "Every query records its purpose, reason and the LEA's case number; every answer "
        "viewed, printed or exported is logged. The LEA reports to ICE any suspected misuse of "
        "LESC access within one business day and cooperates with any review of it. The LEA "
        "and ICE meet at least once a year to review compliance with this MOA.",
    ),
}

# The Criminal Alien Program: ICE's own officers screen the people held in the agency's jails
# (rosters the jail sends, interviews in its facilities). No authority is delegated, so the
# nomination, training and certification sections have no place here; the agreement is about
# access, rosters, interview space, information, costs, duration and termination.
CAP_SECTIONS: dict[str, tuple[str, str]] = {
    "parties": (
        "Parties",
        "This Memorandum of Agreement (MOA) is made between U.S. Immigration and Customs "
        "Enforcement (ICE), a component of the Department of Homeland Security (DHS), and the "
        "{{ agency_name }}, {{ agency_state }} (the law enforcement agency, LEA), which operates "
        "the jail facilities named in this MOA. Under it officers of ICE's Criminal Alien "
        "Program (CAP) screen persons booked into and held in those facilities. The parties "
        "enter into this MOA in good faith and agree to abide by its terms.",
    ),
    "purpose": (
        "Purpose",
        "The objective of this MOA is to let ICE identify, among the persons held in the "
        "facilities of the {{ agency_name }}, those who may be removable noncitizens, before "
        "their release from criminal custody, through booking rosters the LEA sends and "
        "interviews CAP officers conduct. A match between a roster and an ICE record is a "
        "candidate, never an identification: a CAP officer verifies each candidate against the "
        "fields of the record before any referral for interview. Every claim or indication of "
        "United States citizenship stops the screening of that person until an ICE supervisor "
        "has decided.",
    ),
    "authority": (
        "Authority",
        "ICE conducts the Criminal Alien Program under the authority of its officers to "
        "interrogate any person believed to be a noncitizen as to the person's right to be or "
        "to remain in the United States (section 287(a) of the Immigration and Nationality Act, "
        "8 U.S.C. 1357(a)) and to issue immigration detainers (8 C.F.R. 287.7). The LEA "
        "cooperates under its own authority. This MOA is not an agreement under section 287(g) "
        "of the Immigration and Nationality Act: it delegates no function of an immigration "
        "officer to LEA personnel.",
    ),
    "facility_access": (
        "Facility access and hours",
        "The LEA gives CAP officers of {{ ice_office_name }} access to the following "
        "facilities:\n"
        "{% for f in facilities %}- {{ f.name }}{% if f.city %}, {{ f.city }}{% endif %}\n"
        "{% empty %}- [facilities to be completed]\n{% endfor %}\n"
        "Access is during the hours agreed for each facility, recorded with the facility's CAP "
        "settings in the ACCESS system, and outside those hours by arrangement with the "
        "facility's shift supervisor. CAP officers identify themselves on entry, follow the "
        "facility's security rules and are escorted where the facility requires. The LEA gives "
        "{{ ice_office_name }} at least 48 hours' notice of a change of hours or rules, except "
        "in an emergency.",
    ),
    "roster_delivery": (
        "Booking rosters",
        "The LEA sends ICE, at the frequency agreed for each facility and at least once a day, "
        "a roster of every person held: booking number, family and given names and date of "
        "birth, and, where the LEA records them, sex, place of birth, identifiers (such as the "
        "FBI number and State identification number) and the booking and expected release "
        "dates. Rosters are sent through the ACCESS system (its upload page, its interface for "
        "the LEA's jail management system, or an automated feed) and never by unencrypted "
        "email. Each roster is a complete snapshot of the persons held at its time; a person "
        "absent from a later roster is treated as released at that time. The LEA does not "
        "select or leave out persons from a roster by race, ethnicity, national origin, "
        "language, religion or perceived immigration status.",
    ),
    "interviews": (
        "Interview space and remote interviews",
        "The LEA provides in each facility a private space where a CAP officer and the person "
        "interviewed can speak without being overheard, with a telephone for an interpreter. "
        "Where the CAP settings of a facility allow, interviews may be held by telephone or by "
        "video, and the LEA provides the equipment in a private space. Each person interviewed "
        "is told, in a language the person understands, who the interviewer is and the purpose "
        "of the interview. An interpreter is offered to every person with limited English "
        "proficiency, and the interpreter's language is recorded. A claim of United States "
        "citizenship made in an interview stops the process until an ICE supervisor has "
        "decided.",
    ),
    "information_sharing": (
        "Information sharing",
        "Rosters and other information the LEA provides are used only for the purposes of this "
        "MOA. They are kept in the ACCESS system, which records every view of a screening "
        "result and every export, and only CAP officers of the team assigned to a facility see "
        "that facility's rosters. ICE informs the LEA of any detainer or request for "
        "notification it issues for a person held, and the LEA informs ICE of that person's "
        "release date when it is known. Neither party discloses the other's information to a "
        "third party except as the law requires. Personally identifiable information is "
        "protected as the Privacy Act of 1974 and DHS policy require, and ICE keeps screening "
        "records under its approved records schedules.",
    ),
    "civil_rights": (
        "Civil rights standards",
        "ICE officers and LEA personnel acting under this MOA are bound by all applicable "
        "Federal civil rights laws, regulations and guidance on non-discrimination, including "
        "Title VI of the Civil Rights Act of 1964, Section 504 of the Rehabilitation Act of "
        "1973 and Title II of the Americans with Disabilities Act. No person is screened, "
        "interviewed or referred on the basis of race, ethnicity, national origin, language or "
        "religion.",
    ),
    "costs": (
        "Costs",
        "Each party bears its own costs under this MOA. ICE provides its officers, their "
        "travel and any equipment it requires; the LEA provides facility access, interview "
        "space and its rosters without charge to ICE. This MOA obligates no funds of either "
        "party; any reimbursement requires a separate written agreement.",
    ),
    "complaints": (
        "Complaint procedures",
        "Anyone, including a person held, may complain about the conduct of ICE officers or "
        "LEA personnel in activities under this MOA, in writing or orally, in English or "
        "another language. ICE's Office of Professional Responsibility (OPR) reviews every "
        "complaint concerning ICE personnel; the LEA handles complaints concerning its own "
        "personnel and informs ICE of those that concern activities under this MOA. The LEA "
        "displays how to complain in its processing areas in English and Spanish.",
    ),
    "duration": (
        "Duration",
        "This MOA becomes effective on {{ effective_date }} and remains in effect until "
        "{{ expiry_date }}, unless renewed or terminated earlier. The parties review its "
        "operation at least once a year, including the numbers of persons screened, referred "
        "and interviewed and any complaints received.",
    ),
    "termination": (
        "Termination",
        "Either party may terminate this MOA by written notice to the other, effective 30 days "
        "after the notice unless it names a later date; the LEA sends its notice to "
        "{{ ice_office_name }}. Either party may suspend activities at a facility at once where "
        "the safety of persons or a violation of this MOA requires it, and informs the other "
        "in writing with the reasons. On termination the LEA stops sending rosters, and ICE "
        "keeps the records already received under its records schedules.\n\n"
        "This MOA does not create any right, substantive or procedural, enforceable at law by "
        "any person in any matter, civil or criminal.",
    ),
}
CAP_ORDER = [
    "parties",
    "purpose",
    "authority",
    "facility_access",
    "roster_delivery",
    "interviews",
    "information_sharing",
    "civil_rights",
    "costs",
    "complaints",
    "modification",
    "duration",
    "termination",
    "appendix_contacts",
]

# The parties' preamble, then the sections every 287(g) template must have, in MOA order.
ORDER = ["parties", *REQUIRED_SECTIONS]


def seed_sections(model_code: str) -> list[dict[str, Any]]:
    """The version-1 sections of one model, in MOA order."""
    if model_code == "CAP":
        return [
            {"key": key, "heading": heading, "text": text}
            for key in CAP_ORDER
            for heading, text in [CAP_SECTIONS.get(key) or COMMON[key]]
        ]
    if model_code == "JTF":
        return [
            {"key": key, "heading": heading, "text": text}
            for key in TASK_FORCE_ORDER
            for heading, text in [TASK_FORCE_SECTIONS.get(key) or COMMON[key]]
        ]
    if model_code == "LESC":
        return [
            {"key": key, "heading": heading, "text": text}
            for key in ORDER
            for heading, text in [LESC_SECTIONS.get(key) or COMMON[key]]
        ]
    specific = {
        "purpose": ("Purpose", PURPOSE[model_code] + "\n\n" + PRIORITY_LEVELS),
        "functions": ("Designation of authorized functions", FUNCTIONS[model_code]),
    }
    sections = []
    for key in ORDER:
        heading, text = specific.get(key) or COMMON[key]
        text = text.replace("{NOMINATION_EXTRA}", NOMINATION_EXTRA[model_code])
        text = text.replace("{TRAINING_COURSE}", TRAINING_COURSE[model_code])
        sections.append({"key": key, "heading": heading, "text": text})
    return sections


def seed_templates(template_model: Any) -> None:
    """Create version 1 of each model's template (idempotent; used by a data migration)."""
    for code in ("JEM", "TFM", "WSO", "LESC", "CAP", "JTF"):
        template_model.objects.update_or_create(
            model_code=code,
            version=SEED_VERSION,
            defaults={"effective_from": SEED_EFFECTIVE_FROM, "sections": seed_sections(code)},
        )
