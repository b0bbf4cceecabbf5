"""Demo content for Harbour: the partners and projects of the seed documents, and a learning
module written in English and translated into Polish, German and Lithuanian."""
