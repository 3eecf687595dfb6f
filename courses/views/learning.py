"""What a learner does: the catalogue, modules, steps of every kind, bookings."""
