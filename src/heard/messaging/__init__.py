"""Messages that tell (issue 20): email and GOV.UK Notify, staff reminders, young people told."""
