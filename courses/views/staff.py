"""What trainers, champions and unit leads do: reviews, sessions and attendance, time approvals."""
