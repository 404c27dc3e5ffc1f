"""Task-force writes: each an ``@audited`` action that records a typed event
(``taskforces.events``); a refusal (``Refused``) names every problem and changes nothing."""
