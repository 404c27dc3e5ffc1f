from access.core.choices import ChoiceSet

US_STATES = [
    ("AL", "Alabama"),
    ("AK", "Alaska"),
    ("AZ", "Arizona"),
    ("AR", "Arkansas"),
    ("CA", "California"),
    ("CO", "Colorado"),
    ("CT", "Connecticut"),
    ("DE", "Delaware"),
    ("DC", "District of Columbia"),
    ("FL", "Florida"),
    ("GA", "Georgia"),
    ("HI", "Hawaii"),
    ("ID", "Idaho"),
    ("IL", "Illinois"),
    ("IN", "Indiana"),
    ("IA", "Iowa"),
    ("KS", "Kansas"),
    ("KY", "Kentucky"),
    ("LA", "Louisiana"),
    ("ME", "Maine"),
    ("MD", "Maryland"),
    ("MA", "Massachusetts"),
    ("MI", "Michigan"),
    ("MN", "Minnesota"),
    ("MS", "Mississippi"),
    ("MO", "Missouri"),
    ("MT", "Montana"),
    ("NE", "Nebraska"),
    ("NV", "Nevada"),
    ("NH", "New Hampshire"),
    ("NJ", "New Jersey"),
    ("NM", "New Mexico"),
    ("NY", "New York"),
    ("NC", "North Carolina"),
    ("ND", "North Dakota"),
    ("OH", "Ohio"),
    ("OK", "Oklahoma"),
    ("OR", "Oregon"),
    ("PA", "Pennsylvania"),
    ("RI", "Rhode Island"),
    ("SC", "South Carolina"),
    ("SD", "South Dakota"),
    ("TN", "Tennessee"),
    ("TX", "Texas"),
    ("UT", "Utah"),
    ("VT", "Vermont"),
    ("VA", "Virginia"),
    ("WA", "Washington"),
    ("WV", "West Virginia"),
    ("WI", "Wisconsin"),
    ("WY", "Wyoming"),
    ("AS", "American Samoa"),
    ("GU", "Guam"),
    ("MP", "Northern Mariana Islands"),
    ("PR", "Puerto Rico"),
    ("VI", "U.S. Virgin Islands"),
]
STATE_NAMES = dict(US_STATES)


class AgencyKind(ChoiceSet):
    SHERIFF = "sheriff"
    POLICE = "police"
    STATE = "state"
    CORRECTIONS = "corrections"
    FEDERAL = "federal"
    OTHER = "other"
    CHOICES = [
        (SHERIFF, "Sheriff's office", "bg-primary"),
        (POLICE, "Police department", "bg-primary-dark"),
        (STATE, "State agency", "bg-accent-cool-darker"),
        (CORRECTIONS, "Corrections", "bg-secondary-dark"),
        (FEDERAL, "Federal (ICE) office", "bg-base-darker"),
        (OTHER, "Other", "bg-base-dark"),
    ]


class ContactRole(ChoiceSet):
    PRIMARY = "primary"
    PUBLIC_INFORMATION = "public_information"
    COMPLAINTS = "complaints"
    OTHER = "other"
    CHOICES = [
        (PRIMARY, "Primary point of contact", ""),
        (PUBLIC_INFORMATION, "Public information", ""),
        (COMPLAINTS, "Complaints", ""),
        (OTHER, "Other", ""),
    ]
