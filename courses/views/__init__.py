"""Pages of the courses app: `learning` for learners, `staff` for trainers, champions and leads."""
