"""Step 12 of Kernbeleid Veiligheid, the yearly cycle: goals measured again in every new
survey edition (goal_status.py holds the rule), the yearly progress of the actions, the
deadlines of every project and the reminders that go out before them."""
