"""Step 12 of Kernbeleid Veiligheid, the yearly cycle: goals measured every year on their own
source and area (goal_series.py builds the series, goal_status.py holds the rule), the
gemeente's own registrations (own_series.py), the yearly progress of the actions, the
deadlines of every project and the reminders that go out before them."""
