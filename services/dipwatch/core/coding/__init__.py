"""Coding events in one sentence: trigger → PLOVER/CAMEO, clause roles → source and target.

Roles come from light clause rules instead of a parser (PETRARCH-style dictionaries, UD-free):
- a preposition before an actor decides first: "gegen/mit/an/für/auf X", "against/with/on/to X"
  make X the target; "durch/seitens X", "by X" the source; "von X"/"of X" after a noun trigger
  is its object ("die Ausweisung von US-Diplomaten") unless the trigger says otherwise; in the
  passive "von X" is the agent;
- otherwise position: actors before the trigger are its subject (source), actors after it its
  object (target); in the passive the subject is the target; German verb-second inversion
  ("Am Donnerstag traf Lawrow Blinken") takes the first actor after the verb as subject;
- coordinated actors ("Russland und China") share a role; symmetric events (meet, agree,
  cooperate) between coordinated subjects pair them.
Modality and negation come from cue words around the trigger (``cues`` in the lexicon).

Modules, each importing only those listed before it:
- ``triggers``: trigger search (``find_triggers``, ``codes_nothing_alone``, ``TriggerMatch``);
- ``context``: the article context (``Context``, ``actor_key``);
- ``structure``: clause bounds, the actors' slots and the sentence-structure tests;
- ``named_events``: event nouns that name an event, and the earlier events a response answers;
- ``emission``: events from one trigger's roles, modality, conditions, tone, codebook values;
- ``speech``: judged speech and speakers;
- ``roles``: sources and targets of one trigger;
- ``sentence``: the sentence driver (``code_sentence``).
"""
