"""Open standards Harbour speaks, free of Django's models: JSON-LD with bundled contexts, Data
Integrity proofs (eddsa-rdfc-2022), Multikey, and Bitstring Status Lists. lms.services builds
Harbour's credentials from these."""
