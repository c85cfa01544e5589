"""Buyer certification: a signed-in user applies to become a buyer with personal details and three
private documents; the review queue decides; an approval opens the applicant's shop."""
