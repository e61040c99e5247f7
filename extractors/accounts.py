"""Accounts: each side's statements and accusations, side by side."""
from __future__ import annotations

from .lexicon import load_lexicon
from .records import Account, Accusation, Statement


def group_accounts(statements: list[Statement], accusations: list[Accusation]) -> list[Account]:
    """One Account per party that speaks or accuses, in order of first appearance. Outlets
    carrying the story and people speaking for themselves (no party) have no account."""
    outlets = {name.lower() for name in load_lexicon().channels}
    accounts: dict[str, Account] = {}

    def account(party: str | None) -> Account | None:
        if not party or party.lower() in outlets:
            return None
        return accounts.setdefault(party, Account(party=party))

    for i, statement in enumerate(statements):
        if (found := account(statement.speaker.party)) is not None:
            found.statements.append(i)
    for i, accusation in enumerate(accusations):
        if accusation.accuser is not None and (found := account(accusation.accuser.party)) is not None:
            found.accusations.append(i)
    return list(accounts.values())
