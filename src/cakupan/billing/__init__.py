"""What each payer owes per period, payments, arrears, penalties and lapses."""
