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
    return _merge_short_names(list(accounts.values()))


def _merge_short_names(accounts: list[Account]) -> list[Account]:
    """"Observatory" and "Syrian Observatory for Human Rights" are one side: a party whose name
    ends the core of a longer party's name joins it."""
    def core(name: str) -> list[str]:
        return name.lower().split(" of ")[0].split(" for ")[0].split()

    kept: list[Account] = []
    for account in sorted(accounts, key=lambda a: -len(a.party)):
        words = core(account.party)
        home = next((k for k in kept if words and core(k.party)[-len(words):] == words), None)
        if home is None:
            kept.append(account)
        else:
            home.statements = sorted(home.statements + account.statements)
            home.accusations = sorted(home.accusations + account.accusations)
    order = {a.party: i for i, a in enumerate(accounts)}
    return sorted(kept, key=lambda a: min([*a.statements, *[10**6 + i for i in a.accusations]] or [order[a.party]]))
