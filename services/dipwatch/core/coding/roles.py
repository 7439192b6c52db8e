"""Role assignment for one trigger: its sources and targets from clause rules (see the package
docstring), else from the article's context; the events then come from ``emission``.
"""

from __future__ import annotations

from dipwatch.core.actors import Mention, state_ref
from dipwatch.core.coding.context import Context, actor_key
from dipwatch.core.coding.emission import _cue, _emit, _place_for
from dipwatch.core.coding.named_events import _RESPONSES, _answered, _referred_event
from dipwatch.core.coding.speech import _speaker_after, _speech_verb, _spoken_about
from dipwatch.core.coding.structure import (
    _SEGMENT_BREAKS,
    _adjacent_owner,
    _after_adjective,
    _after_coordinator,
    _after_institution,
    _attended,
    _attributive,
    _Bounds,
    _break_before,
    _clause_subject,
    _continues_predicate,
    _coordinated,
    _has_subject_pronoun,
    _independent_speaker,
    _infinitive,
    _is_adjective,
    _is_nominal,
    _is_passive,
    _is_relative,
    _passive_between,
    _possessed,
    _reported_before,
    _Slot,
    _View,
)
from dipwatch.core.coding.triggers import _DOUBLE_QUOTES, TriggerMatch
from dipwatch.core.eventlex import EventLexicon
from dipwatch.core.text import Token
from dipwatch_schemas import ActorRef, Event, Place

_QUOTE_MARKS = _DOUBLE_QUOTES | frozenset({"'"})  # quotation marks around a word ("zeigte sich „besorgt“")
_WITH_CONTENT = frozenset({"REQUEST", "THREATEN", "REJECT", "AGREE"})
"""Types whose infinitive complement is what is asked, threatened, refused or promised, not an event."""
_ADDRESSED_TYPES = frozenset({"ACCUSE", "PROTEST", "REQUEST", "SUPPORT"})  # "bei X": X is addressed
# types whose "on/über + state adjective" names a topic ("talks on Iranian drones"); for sanctions and
# attacks it names the target ("sanctions on Russian banks", "strikes on Russian positions")
_TOPIC_TYPES = frozenset({"CONSULT", "COOPERATE", "AGREE", "AID", "SUPPORT", "REQUEST", "REJECT"})
_HELD_IN_PLACE = frozenset({"arrest", "seize"})  # COERCE modes whose passive names the holder by its place


def _code(
    match: TriggerMatch,
    view: _View,
    previous_end: int = -1,
    coded_before: list[Event] | None = None,
    next_first: int = -1,
) -> list[Event]:
    """The events of one trigger: its sources and targets from clause rules, else from context.

    ``previous_end``: where the sentence's previous trigger ends (-1: none); ``coded_before``: the
    events the sentence has coded so far; ``next_first``: where the next trigger starts (-1: none)."""
    tokens, lowers, bounds, slots, lexicon = view.tokens, view.lowers, view.bounds, view.slots, view.lexicon
    sentence, places, context = view.sentence, view.places, view.context
    trigger = match.trigger
    preps = lexicon.prepositions
    relatives = lexicon.cues.get("relative", frozenset())
    if _attributive(tokens, match, slots, lexicon):
        return []
    if len(match.indices) == 1 and (
        (match.first > 0 and lowers[match.first - 1] in lexicon.cues.get("non_event_modifiers", frozenset()))
        or (
            match.last + 1 < len(lowers)
            and lowers[match.last + 1] in lexicon.cues.get("non_event_heads", frozenset())
        )
    ):
        return []  # "attack submarines", "package tours", "free trade": a kind of thing, no act
    if (
        trigger.event_type == "PROTEST"
        and len(match.indices) == 1
        and match.first > 0
        and lowers[match.first - 1] in lexicon.cues.get("struck_prepositions", frozenset())
    ):
        return []  # "crackdown on protesters", "schoss auf Demonstranten": protesters hit, no protest
    if trigger.event_type == "CONSULT" and _domestic_meeting(lowers, match, slots, lexicon):
        return []
    if lexicon.language == "de" and any(
        s.first == match.first == match.last < s.last and not s.mention.compound_modifier for s in slots
    ):
        return []  # "Die Vermittler Ägypten und Katar bemühen sich …": a role word before its actor's name
    speech = _speech_verb(lowers, lexicon) if trigger.speaker_source else -1
    if speech >= 0:
        # "Jede Aggression werde für Moskau „einen hohen Preis“ haben, sagte Stoltenberg"
        return _spoken_about(match, speech, view)
    if _independent_speaker(lowers, match.first, slots, lexicon):
        return []  # "Analysts said …, but cautioned that …": nobody speaks for a state
    held = _held_trigger(lowers, match)
    if held and not _people_held(lowers, match, lexicon):
        return []  # "talks were held", "elections were held": no one is held
    custody = _in_custody(lowers, bounds, match, lexicon)
    passive = custody or held or _is_passive(lowers, bounds, match, lexicon)
    nominal = _is_nominal(tokens, match, lexicon) or _after_adjective(tokens, slots, match, lexicon)
    segment = bounds.segment(match)
    seg_start, seg_end = segment
    # "Polen, Litauen, Lettland und Estland reisten …": a list of actors is one stretch, commas and all
    if (seg_start > 1 and lowers[seg_start - 1] == ",") or (
        seg_end + 2 < len(lowers) and lowers[seg_end + 1] == ","
    ):
        ends = {slot.last for slot in slots}
        starts = {slot.first for slot in slots}
        # a list member is followed by a comma or "und"/"and"; "mediated by Qatar, Ethiopian troops
        # are to withdraw": an actor that heads a longer phrase starts a new clause, not a list
        listed = {
            slot.first
            for slot in slots
            if slot.last + 1 < len(lowers)
            and (lowers[slot.last + 1] == "," or lowers[slot.last + 1] in lexicon.coordinators)
        }

        def actor_at(index: int) -> int:  # "…, the United Arab Emirates, …": past an article
            while index < len(lowers) - 1 and lowers[index] in lexicon.articles and index not in starts:
                index += 1
            return index

        while (
            seg_start > 1
            and lowers[seg_start - 1] == ","
            and seg_start - 2 in ends
            and actor_at(seg_start) in starts
            and actor_at(seg_start) in listed
        ):
            seg_start = bounds.stretch(seg_start - 2)[0]
        # "… thanked Qatar, Oman, Switzerland and South Korea": the same after the trigger
        while (
            seg_end + 2 < len(lowers)
            and lowers[seg_end + 1] == ","
            and seg_end in ends
            and seg_end + 2 in starts
        ):
            seg_end = bounds.stretch(seg_end + 2)[1]
    # a noun trigger takes the clause subject only after a light verb ("verhängte Sanktionen", "held talks")
    subject_allowed = (
        not nominal
        or not lexicon.cues.get("light_verbs", frozenset()).isdisjoint(lowers[seg_start : seg_end + 1])
        or _possessed(tokens, match, lexicon)
        or _attended(tokens, match, lexicon)
    )
    sources: list[_Slot] = []
    targets: list[_Slot] = []
    outside_targets: list[_Slot] = []
    outside_sources: list[_Slot] = []
    subjects: list[_Slot] = []
    objects: list[_Slot] = []
    owner: _Slot | None = None
    late_sources: list[_Slot] = []
    governments: set[int] = set()
    subordinators = lexicon.cues.get("subordinators", frozenset())
    # "russische Einheiten trafen in Belarus ein", "U.S. citizens arrived in Qatar": people who are no
    # envoys of their state neither meet nor visit for it
    non_agents = (
        lexicon.cues.get("non_agents", frozenset()) if trigger.event_type == "CONSULT" else frozenset()
    )
    crowd = False
    governed: set[int] = set()  # actors after the trigger's own preposition: "reist … nach X", "talks with X"
    clause_from = -1  # where a subordinate clause that holds the trigger starts ("after Algiers shot down …")
    summoned_to: list[_Slot] = []
    topic_verbs = preps.get("topic_verbs", frozenset())
    venues = view.talks_venues
    # "a maritime deal signed in Cairo by Greece and Egypt": a participle after a noun, its agent after "by"
    participle = not passive and not nominal and _participle_with_agent(lowers, match, slots, lexicon)
    for slot in slots:
        inside = seg_start <= slot.first <= seg_end
        after = slot.first > match.first
        # a preposition that belongs to the trigger ("bedankte sich bei X", "talks with X") marks the object
        # (not a topic verb: "discussed Ukraine with Fidan" names a topic, the trigger's or not)
        prep = None if slot.prep_index in match.indices and slot.prep not in topic_verbs else slot.prep
        if prep is None and slot.prep is not None:
            governed.add(id(slot))
        if slot.first in match.indices:
            if actor_key(slot.mention.actor) is None:
                # "rief seinen Botschafter Wjatscheslaw Kowalenko zurück": a person of no known state named
                # after the trigger's role word is its object, not its owner
                continue
            # an actor inside a trigger word: "US-Sanktionen" (owner), "Russland-Sanktionen" (target)
            if slot.mention.compound_modifier and trigger.of_role == "target":
                targets.append(slot)
            else:
                owner = slot
            continue
        if slot.mention.compound_modifier and prep is None:
            continue  # "Ukraine-Krieg", "Nahost-Konflikt": a topic, not a participant
        if (
            prep in lexicon.cues.get("topic_prepositions", frozenset())
            and (_is_adjective(slot.mention) or (after and trigger.event_type == "COOPERATE"))
            and trigger.event_type in _TOPIC_TYPES
        ):
            # "share intelligence with Ukraine on Russian troop movements", "exchanging intelligence on
            # Islamic State targets": what it is about (one cooperates with, never on, a partner)
            continue
        if _is_adjective(slot.mention) and _cue(
            lowers[max(0, slot.first - 4) : slot.first], lexicon, "attribution"
        ):
            # "Nach Erkenntnissen amerikanischer Geheimdienste", "according to Israeli media": who reports
            continue
        if nominal and (
            (prep is None and _adjacent_owner(tokens, slot, match, lexicon))
            or (slot.last + 1 == match.first and _is_adjective(slot.mention))
        ):
            # "auf den iranischen Raketenangriff", "against the Russian invasion": the preposition
            # governs the whole noun phrase; the adjective right before the noun owns it
            owner = slot
            continue
        if prep in subordinators and not nominal and _clause_subject(tokens, slot, match, slots, lexicon):
            # "… after Joe Biden pressed Netanyahu", "after Belarus forced a plane to land and arrested
            # …": a conjunction, the actor is its clause's subject
            sources.append(slot)
            clause_from = slot.prep_index
            continue
        if (
            prep is not None
            and lexicon.language == "en"
            and previous_end < slot.first
            and slot.last < match.first
            and previous_end >= 0
        ):
            # "breaking off relations with Ecuador in solidarity with Mexico": an English phrase between
            # two triggers belongs to the first
            continue
        if prep is None and _beyond_bracket(lowers, slot, match, lexicon):
            continue  # "sicherte X Unterstützung zu und warf Russland vor": the next predicate's object
        if (
            prep in preps["of"]
            and slot.prep_index > 0
            and lowers[slot.prep_index - 1] in lexicon.cues.get("venues", frozenset())
        ):
            continue  # "on the sidelines of the G20 summit": the venue, not a party
        if (
            prep is None
            and slot.last < match.first
            and slot.first > 0
            and lowers[slot.first - 1] in lexicon.cues.get("joining", frozenset())
            and lowers[slot.last + 1] in lexicon.cues.get("joining_prepositions", frozenset())
        ):
            continue  # "joined Washington in restricting chip sales to China": a partner, not a target
        if prep in preps["with"] and _noun_complement(tokens, slot, match, lexicon):
            continue  # "über … den Atomstreit mit dem Iran gesprochen": a partner of the topic, not the talks
        if prep is not None and prep in preps["locative"] and _after_institution(tokens, slot, lexicon):
            prep = None  # "das Außenministerium in Moskau": the capital stands for the government
            governments.add(id(slot))
        bucket: list[_Slot] | None = None
        if prep is None and not after and not subject_allowed:
            continue
        if (
            prep is None
            and non_agents
            and slot.last + 1 < len(lowers)
            and (
                lowers[slot.last + 1] in non_agents
                # "a Russian oil tanker arrived in Havana": one modifier may stand before the vehicle
                or (
                    not subjects  # the clause's own subject, not "… aboard a French government plane"
                    and _vehicle_after(lowers, slot.last, match.first, lexicon)
                )
            )
        ):
            crowd = True
            continue
        if prep is None:
            bucket = objects if after else subjects
        elif prep in preps["target"] and (prep not in preps["with"] or trigger.with_is_target):
            bucket = targets
        elif prep in preps["agent"] and _host_of_meeting(lowers, slot, match, slots, seg_start, lexicon):
            continue  # "A and B held talks hosted by China": the host acts in its own event
        elif prep in preps["agent"]:
            # "by X" is the agent of a passive or a noun; after an active verb it belongs to the object
            # ("sanctions were imposed on Iran by the EU": the passive may sit outside the trigger)
            agentive = (
                passive
                or nominal
                or not after
                or participle
                or _passive_between(lowers, match.last, slot.first, lexicon)
            )
            if (
                not after
                and lexicon.language == "en"
                and not lexicon.cues.get("subject_pronouns", frozenset()).isdisjoint(
                    lowers[slot.last + 1 : match.first]
                )
            ):
                # "a statement issued by the Italian presidency that they condemn …": the clause has a
                # subject of its own, the agent belongs to the verb before
                continue
            if (
                agentive
                and not passive
                and not nominal
                and not after
                and lexicon.language == "de"
                and slot.prep_index > 1
                and tokens[slot.prep_index - 1].text[:1].isupper()
                and lowers[slot.prep_index - 1] not in lexicon.articles
                and not _passive_between(lowers, slot.last, match.first, lexicon)
            ):
                # "hatte eine Vermittlung durch Malaysia abgelehnt": "durch X" after a noun belongs to
                # that noun, the object of an active verb
                agentive = False
            if (
                agentive
                and nominal
                and after
                and lexicon.language == "de"
                and _act_noun_between(tokens, match.last + 1, slot.prep_index, lexicon)
            ):
                # "Vergeltung für die Ausweisung der Diplomaten durch Polen": "durch X" belongs to the
                # nearer act noun; its agent is what this one answers
                agentive = False
            bucket = sources if agentive else targets
        elif prep in preps["of"]:
            if passive:
                bucket = sources
            elif after:
                bucket = sources if trigger.of_role == "source" else targets
            else:
                bucket = subjects
        elif prep in preps["from"] and trigger.from_role in ("source", "target"):
            bucket = sources if trigger.from_role == "source" else targets
        elif prep in preps["locative"] and trigger.visit and actor_key(slot.mention.actor) not in venues:
            bucket = targets  # not "clashes … after talks in Malaysia": where talks are held is no party
        elif (
            prep in preps["locative"]
            and trigger.event_type == "SANCTION"
            and slot.prep_index > 0
            and (
                lowers[slot.prep_index - 1] in lexicon.cues.get("envoys", frozenset())
                or lowers[slot.prep_index - 1] in lexicon.cues.get("premises", frozenset())
            )
        ):
            # "rief seinen Botschafter in Irland zurück", "schloss seine Vertretung in Kopenhagen": the
            # country of the post
            bucket = targets
        elif (
            prep in preps.get("addressee", ())
            and trigger.event_type in _ADDRESSED_TYPES
            and not slot.mention.capital_metonym
            and not _is_adjective(slot.mention)
        ):
            bucket = targets  # "hat bei China gegen … protestiert", "beschwerte sich bei der EU"
        if bucket is None:
            if prep in preps["locative"] and not _is_adjective(slot.mention):
                summoned_to.append(slot)  # "ins Auswärtige Amt einbestellt": where a summons leads
            continue  # any other preposition (place, topic, time): not a participant
        if bucket is sources and after and not passive and not nominal:
            late_sources.append(slot)  # "Iraq expelled X's ambassador … from Stockholm": the subject wins
        if inside or bucket is subjects:
            bucket.append(slot)
        elif bucket is targets or bucket is objects:
            outside_targets.append(slot)
        else:
            # "die Unterstützung aus Griechenland: Athen entsandte …": an agent beyond the clause break
            # stands in for a subject the clause lacks, it does not outrank one
            outside_sources.append(slot)
    if clause_from >= 0:
        # "Mali and Niger recalled their envoys after Algiers shot down a Malian drone": the main
        # clause's actors take no part in the subordinate clause's act
        subjects = [s for s in subjects if s.first > clause_from]
        targets = [t for t in targets if t.first > clause_from]
        outside_targets = [t for t in outside_targets if t.first > clause_from]
    if (
        crowd
        and not sources
        and not (objects and lexicon.language == "de")  # German verb-second: a later actor is the subject
        and not any(seg_start <= s.first <= seg_end for s in subjects)
    ):
        return []
    if participle and sources:
        # "Ankara was angered by a deal signed by Greece and Egypt": the actors before the participle's
        # noun belong to the clause around it
        subjects = [s for s in subjects if s.first > match.last]
        targets = [t for t in targets if t.first > match.last]
        # "by the Greek foreign minister, Nikos Dendias, and his Egyptian counterpart": across appositions
        sources = _unique([*sources, *_coordinated(sources[0], slots, tokens, lexicon)])
    if not any(seg_start <= s.first <= seg_end for s in subjects):
        sources = sources + outside_sources
    subjects = [
        s for s in subjects if not (s.mention.capital_metonym and s.prep and id(s) not in governments)
    ]
    in_segment = [s for s in subjects if s.first >= seg_start]
    subjects.sort(key=lambda s: s.first)
    implicit = 0.0
    pronoun_subject = False
    if passive and not sources and _trigger_cue(lowers, match, lexicon, "summons"):
        # "Der russische Botschafter wurde ins Auswärtige Amt einbestellt", "was summoned to the foreign
        # ministry in Moscow": the ministry (or its capital) summons
        summoners = (
            summoned_to
            or [s for s in [*in_segment, *objects] if id(s) in governments]
            or [t for t in targets if t.prep in preps["locative"] and not _is_adjective(t.mention)]
        )
        if summoners:
            sources = summoners[:1]
            in_segment = [s for s in in_segment if s is not summoners[0]]
            objects = [s for s in objects if s is not summoners[0]]
            targets = [s for s in targets if s is not summoners[0]]
    if (
        (passive or (nominal and lexicon.language == "de"))
        and (not sources or custody)
        and trigger.event_type == "COERCE"
        and trigger.mode in _HELD_IN_PLACE
    ):
        # "Two Canadians were arrested in China", "im Iran festgenommen": without an agent, the state
        # where someone is held or a ship is seized holds them; "Krankenschwestern aus Bulgarien, die in
        # Libyen in Haft sind": in custody, any other actor is the one held; "die Verhaftung eines
        # deutschen Staatsbürgers in Russland": the same for the noun
        held_in = [s for s in summoned_to if s.mention.actor.kind == "state"]
        if held_in:
            targets = [t for t in [*sources, *targets] if t is not held_in[0]]
            sources = held_in[:1]
    if passive:
        targets = in_segment + objects + targets
        if (
            not targets
            and seg_start > 1
            and lowers[seg_start - 1] == ","
            and _is_relative(tokens, seg_start, relatives)
        ):
            # "China legte einen Friedensplan vor, der von Kiew abgelehnt wurde", "Russland, das von der
            # Ukraine angegriffen wurde": a passive relative clause acts on the main clause's actor
            before = [s for s in subjects if s.last < seg_start]
            if before:
                targets = [before[-1]]
        if not sources:
            # "Zehn US-Diplomaten seien ausgewiesen worden, teilte das Außenministerium in Moskau mit":
            # a passive with no agent, reported by a government, is that government's act
            speaker = _speaker_after(tokens, slots, match, lexicon)
            if speaker is not None and speaker.mention.actor.kind != "person":
                sources = [speaker]
                targets = [t for t in targets if t is not speaker]
    else:
        if owner is not None and not sources:
            sources = [owner]
        elif owner is not None:
            targets.append(owner)
        relative = seg_start > 0 and (
            _is_relative(tokens, seg_start, relatives)
            or _relative_before_state(tokens, seg_start, relatives, slots, lexicon)
        )
        antecedents = [s for s in subjects if s.last < seg_start] if relative else []
        if sources and all(s in late_sources for s in sources) and in_segment:
            sources = []
        # "Israeli troops are to withdraw", "Iran has to allow": "to" after "be"/"have" keeps its subject
        infinitive = (
            _infinitive(tokens, match, lexicon)
            and any(s.last < seg_start for s in subjects)
            and not (
                lexicon.language == "en"
                and match.first > 1
                and lowers[match.first - 2] in lexicon.cues.get("obligation", frozenset())
            )
        )
        if infinitive and not sources:
            # "Frankreich kündigte an, russische Diplomaten auszuweisen", "…, and the ministry summoned
            # Belarus's envoy to demand an explanation": the infinitive clause has no subject of its own;
            # its actors are objects, the main clause's subject acts
            targets = targets + in_segment
            in_segment = []
        if antecedents and not sources:
            # "Merkel, die den georgischen Präsidenten besucht hatte": the antecedent before the comma is
            # the subject, actors inside the relative clause are objects
            sources = [antecedents[-1]]
            targets = targets + in_segment
        elif in_segment and not sources:
            in_segment = _reported_clause(in_segment, lowers, match, view)
            head = in_segment[0]
            coordinated = _coordinated(head, in_segment, tokens, lexicon)
            adjacent = _adjacent_subject(lowers, match, in_segment, lexicon) if not nominal else None
            if adjacent is not None and adjacent is not head and adjacent not in coordinated:
                # "Riyadh proposes a truce as Washington welcomes the initiative": in English the
                # subject stands right before its verb; the segment's first actor heads another clause
                head = adjacent
                coordinated = _coordinated(head, in_segment, tokens, lexicon)
            sources = [head, *coordinated]
            # verb-final and verb-second clauses: later actors before the verb are objects
            targets = targets + [s for s in in_segment if s is not head and s not in coordinated]
        elif in_segment:
            targets = targets + in_segment
        pronoun_subject = _has_subject_pronoun(lowers, seg_start, match, objects, lexicon)
        # "Der Präsident, der in Brüssel eingetroffen war, kritisierte China": after a relative clause
        # the verb belongs to the subject before it; otherwise the verb comes second and its subject follows
        closes_relative = (
            seg_start > 1
            and lowers[seg_start - 1] == ","
            and _is_relative(tokens, bounds.stretch(seg_start - 2)[0], relatives)
            and any(s.last < seg_start for s in subjects)
        )
        for slot in [o for o in objects if id(o) in governed]:  # "nach Paris und London"
            governed.update(id(c) for c in _coordinated(slot, objects, tokens, lexicon))
        free_objects = [o for o in objects if id(o) not in governed]
        # "Merkel begrüßte die Einigung, forderte Russland aber auf …", "verurteilte den Angriff und
        # forderte Nordkorea auf": a verb right after a comma or "und" shares the earlier subject
        shared_subject = _continues_predicate(lowers, match, lexicon) and any(
            s.last < match.first for s in subjects
        )
        if (
            not sources
            and free_objects
            and lexicon.language == "de"
            and not nominal
            and not pronoun_subject
            and not closes_relative
            and not shared_subject
        ):
            sources = [free_objects[0], *_coordinated(free_objects[0], free_objects, tokens, lexicon)]
            objects = [o for o in objects if o not in sources]
        targets = targets + objects
        if not sources:
            speaker = _speaker_after(tokens, slots, match, lexicon)
            if speaker is not None:
                sources = [speaker]
                targets = [t for t in targets if t is not speaker]
        # "Die Taliban erklärten, sie seien bereit, …": a pronoun in reported speech is the speaker
        reported_pronoun = (
            pronoun_subject
            and bool(subjects)
            and not lexicon.cues.get("speech", frozenset()).isdisjoint(
                lowers[subjects[0].last + 1 : seg_start]
            )
        )
        if not sources and subjects and (not pronoun_subject or reported_pronoun):
            # the main clause's subject: the first one, skipping relative clauses ("X, der …, verlangte")
            earlier = [
                s
                for s in subjects
                if s.first < seg_start and not _is_relative(tokens, bounds.stretch(s.first)[0], relatives)
            ]
            if earlier:
                sources = [earlier[0]]
    if lexicon.language == "de" and not passive and not nominal and trigger.event_type in _RESPONSES:
        fronted = _fronted_owners(tokens, seg_start, match, slots, lexicon)
        subjects_after = [
            s for s in slots if match.first < s.first <= seg_end and (s.prep is None or id(s) in governments)
        ]
        if fronted and subjects_after:
            # "Hilfe der EU lehnt die Regierung in Warschau ab": a fronted object (an act noun and its
            # owner) before the verb, the subject after it
            sources, targets = subjects_after[:1], fronted
    givers = _givers(tokens, lowers, match, slots, lexicon) if not passive else []
    if trigger.inverse and trigger.event_type == "ASSAULT":
        # "came under attack from Russian drones": only "from"/"by" names the attacker; "Estonia is under
        # attack": the subject is hit, by nobody named here
        givers = [g for g in givers if g.prep in preps["from"] or g.prep in preps["agent"]]
        if not givers:
            return []
    if givers:
        # "The junta received backing from Mali and Burkina Faso", "erhielt Hilfe von Japan": the giver
        # acts, the recipient (the clause subject) is the target
        receivers = [s for s in [*sources, *subjects, *targets] if s not in givers]
        if not receivers and trigger.inverse:
            # "Die Regierung lehnte Forderungen aus Berlin ab": the clause's subject before the verb was asked
            receivers = [
                s for s in slots if s.prep is None and s.last < match.first and s.first >= seg_start
            ][:1]
        sources, targets = givers, [s for s in receivers if s.first < match.first] or receivers
    sources = _unique(sources)
    targets = [t for t in _unique(targets) if t not in sources]
    if trigger.event_type in _JOINT_TYPES and len(sources) >= 2 and targets:
        # "Seoul and Washington agreed to station a battery … to counter North Korea", "will hold joint
        # patrols to deter China": whom the partners' joint act is meant to counter is no party to it
        purpose = _purpose_start(lowers, match, lexicon)
        if purpose >= 0 and any(t.first > purpose for t in targets):
            targets = [t for t in targets if t.first < purpose] or sources[1:]
            sources = [s for s in sources if s not in targets]
    if trigger.symmetric and not targets and len(sources) >= 2:
        targets = sources[1:]
        sources = sources[:1]
    elif trigger.symmetric and not sources:
        parties = [t for t in targets if t.prep in lexicon.cues.get("between", frozenset())]
        if len(parties) == 1:  # "a ceasefire between Israel and Hezbollah": the second is coordinated
            parties = _with_coordinated(parties[0], slots, tokens, lexicon)
        if len(parties) >= 2:
            # "talks between Russia and Ukraine" with nobody else named: the two are the parties
            sources, targets = (parties, parties) if trigger.mutual else (parties[:1], parties[1:])
    if (
        not targets
        and not trigger.joins  # "… wieder aufgenommen; die EU-Kommission …": the joined act names the target
        and not (trigger.visit and _place_in(places, lowers[match.last + 1 : seg_end + 1]))
    ):
        # "struck targets across Gaza, while Hamas fired rockets": the place in the clause beats an
        # actor beyond it
        targets = [t for t in _unique(outside_targets) if t not in sources]
        if lexicon.language == "de" and any(
            s.first == seg_start or (s.first == seg_start + 1 and lowers[seg_start] in lexicon.articles)
            for s in sources
        ):
            # "Die EU hatte Sanktionen gegen Iran verhängt, die USA kritisierten den Schritt": a clause
            # with its own subject takes no object from the clause of the trigger before it
            targets = [t for t in targets if not (t.last < seg_start and t.first <= previous_end)]
    if trigger.event_type in _WITH_CONTENT:  # see _addressees
        targets = _addressees(lowers, match, targets, lexicon)
    if next_first > match.last and not nominal and _after_coordinator(lowers, next_first, lexicon):
        # "stood in solidarity with Greece and Cyprus and called on Turkey …", "lobte Polen und forderte
        # Belarus auf": the next predicate's object is not this one's
        own_targets = [t for t in targets if t.first < next_first]
        if own_targets:
            targets = own_targets
    if trigger.event_type in ("ACCUSE", "THREATEN", "REJECT"):
        targets = _accused(lowers, match, targets, lexicon)
        if lexicon.language == "de" and len(targets) > 1:
            targets = _not_recipients(lowers, match, targets, lexicon)
    if trigger.event_type in _OWNER_JUDGED_TYPES:
        # German marks the owner with a genitive after the act noun (cue ``owned_act_nouns``), English
        # with a possessive or a state's adjective before it
        owner_slot = (
            _judged_genitive(tokens, match, slots, sources, lexicon)
            if lexicon.cues.get("owned_act_nouns")
            else _judged_owner(lowers, match, slots, sources, lexicon)
        )
        if owner_slot is not None:
            # "criticised Iran's supply of drones to Russia", "raised concerns about China's support for
            # Russia": the owner of what is judged is the target, the rest of its phrase is no party
            targets = [owner_slot]
    if trigger.event_type == "AID" and _cue(
        lowers[max(0, match.first - 3) : match.first], lexicon, "in_need"
    ):
        # "20 million Yemenis depend on humanitarian assistance", "in need of aid": a need, nobody gives
        return []
    if (
        trigger.event_type == "THREATEN"
        and match.last + 1 < len(lowers)
        and lowers[match.last + 1] == "that"
        and _cue(lowers[match.last + 2 : match.last + 16], lexicon, "hardship")
    ):
        # "the UN warned that 400,000 children could die of malnutrition": an alarm about suffering, no threat
        return []
    struck: list[_Slot] = []  # "condemned the attack on Kyiv": whom an act of no named author hit
    if trigger.event_type in _JUDGING_TYPES:
        targets = _without_victims(lowers, match, targets, lexicon)
        struck = _unowned_victims(lowers, match, targets, lexicon)
        targets = [t for t in targets if t not in struck]
    protested_owner = False
    if trigger.event_type == "PROTEST":
        # "belagerten … die estnische Botschaft": the state before its embassy is the one protested against
        # "verbrannten eine russische Flagge": the state whose flag is burnt, too
        premises = lexicon.cues.get("premises", frozenset()) | lexicon.cues.get("flags", frozenset())
        owners = [s for s in sources if s.last + 1 < len(lowers) and lowers[s.last + 1] in premises]
        if owners:  # the protesters' country then comes from another actor or from the place
            sources = [s for s in sources if s not in owners]
            targets = owners
            protested_owner = True
    charge_at = _rejected_charge(lowers, match, lexicon) if trigger.event_type == "REJECT" else -1
    charge_maker = False  # the rejected charge or request names who made it ("requests from Canberra")
    if charge_at >= 0:
        # "denied reports that the Spanish ambassador had asked …": actors inside the charge are no party;
        # "rejected the charge from Rabat", "wies die Vorwürfe aus Brüssel zurück", "die Vorwürfe Polens":
        # whoever made it is the target, whatever the trigger does with "aus"/"from"
        made_by = preps["from"] | preps["agent"] | preps["of"]
        genitive = lexicon.cues.get("genitive_articles", frozenset())
        makers = [
            s
            for s in slots
            if s not in sources
            and (
                (s.prep in made_by and s.prep_index == charge_at + 1)
                # "die Vorwürfe Litauens": a German genitive owner right after the charge
                or (bool(genitive) and s.prep is None and s.first == charge_at + 1 and _genitive_s(s))
                # "die Darstellung der britischen Regierung"
                or (s.prep is None and s.first == charge_at + 2 and lowers[charge_at + 1] in genitive)
            )
        ]
        if makers:
            # "turned down repeated requests from Canberra": whoever made the request is answered
            targets = _with_coordinated(makers[0], slots, tokens, lexicon)
            charge_maker = True
        elif lowers[charge_at] in lexicon.cues.get("claim_nouns", frozenset()):
            targets = [t for t in targets if t.first < charge_at]
    source_refs = [s.mention.actor for s in sources]
    target_refs = [t.mention.actor for t in targets]
    if struck and not target_refs:
        # "Riyadh and Cairo condemn attacks on Port Sudan": the judgement is aimed at whoever the article
        # says struck the victim, never at the victim; with no attacker known there is no target
        hit = {actor_key(t.mention.actor) for t in struck}
        judges = {actor_key(s.mention.actor) for s in sources}
        attackers = [
            e.source
            for e in [*context.last_by_type.get("ASSAULT", []), *(coded_before or [])]
            if e.event_type == "ASSAULT"
            and e.target is not None
            and actor_key(e.target) in hit
            and actor_key(e.source) not in judges
        ]
        if not attackers:
            return []
        target_refs = attackers[-1:]
    own = {actor_key(ref) for ref in source_refs}
    if trigger.event_type == "THREATEN" and target_refs and all(actor_key(t) in own for t in target_refs):
        # "Xi told Biden that … and warned that China would not sit idly by": with only the threatener's
        # own state in the threat, the one the threatener addressed is its target
        addressed = lexicon.cues.get("addressed", frozenset())
        told = [s for s in slots if s.prep is None and s.first > 0 and lowers[s.first - 1] in addressed]
        target_refs = [s.mention.actor for s in told if actor_key(s.mention.actor) not in own][:1]
        if not target_refs:
            # "Lawrow warnte, Moskau werde „alle notwendigen Maßnahmen“ ergreifen": nobody addressed, the
            # threat is aimed at the threatener's opponent in the article's dispute
            # ("Russland bedroht niemanden": a threat to nobody, cue ``unnamed_parties``)
            aimed = source_refs and not _cue(
                lowers[match.last + 1 : match.last + 4], lexicon, "unnamed_parties"
            )
            opponent = context.opponent(actor_key(source_refs[0])) if aimed else None
            target_refs = [opponent] if opponent is not None else target_refs
    if coded_before and _continues_predicate(lowers, match, lexicon):
        # "cut diplomatic ties with Qatar, accusing it of supporting terrorism": a predicate joined to
        # the last one keeps its subjects, and "it"/"ihn" right after it is the last one's target
        subjects_before = _unique_refs([e.source for e in coded_before])
        # the last predicate's objects, for both rules below
        taken = {actor_key(e.target) for e in coded_before if e.target is not None}
        subject_keys = {actor_key(ref) for ref in subjects_before}
        if (
            not source_refs
            or (len(subjects_before) > 1 and not any(s.first >= seg_start for s in sources))
            # "… with Greece and Cyprus and called on Turkey": the last predicate's object is no subject
            or all(actor_key(ref) in taken and actor_key(ref) not in subject_keys for ref in source_refs)
        ):
            source_refs = subjects_before  # "Saudi Arabia, the UAE, Egypt and Bahrain …, accusing"
        # "sicherte Finnland Unterstützung zu und warf Russland vor": an object before the coordinator
        # that the last predicate already took is not this one's
        acting = {actor_key(ref) for ref in source_refs}
        own_objects = [
            t.mention.actor
            for t in targets
            if not (t.last < match.first and actor_key(t.mention.actor) in taken)
            and actor_key(t.mention.actor) not in acting
        ]
        if own_objects:
            target_refs = _unique_refs(own_objects)
        pronouns = lexicon.cues.get("object_pronouns", frozenset())
        # "und rief sie auf": in a split trigger the pronoun follows its verb
        after_verb = match.first + 1 if len(match.indices) > 1 else match.last + 1
        if after_verb < len(lowers) and lowers[after_verb] in pronouns:
            target_refs = _unique_refs([e.target for e in coded_before if e.target is not None])
    own_place = _place_for(places, match, tokens, sentence)
    place = own_place or view.fallback_place
    if held and not source_refs:
        # "Its crew, including 18 Indians, is being held", "The crew were being held in Bandar Abbas": the
        # state of the place holds them, else the state that last seized or arrested someone, else who
        # acted last; those held are the last seizure's target when the sentence names none
        seizures = context.last_by_type.get("COERCE", [])
        holder = (
            state_ref(own_place.country, lexicon.language)
            if own_place is not None and own_place.country
            else (seizures[-1].source if seizures else context.last_subject)
        )
        if holder is not None:
            source_refs = [holder]
            target_refs = [ref for ref in target_refs if actor_key(ref) != actor_key(holder)]
            if not target_refs:
                # "Its crew, including 18 Indians, …": the nationals named among those held
                target_refs = _unique_refs(
                    [
                        s.mention.actor
                        for s in slots
                        if s.last < match.first and actor_key(s.mention.actor) != actor_key(holder)
                    ]
                )
            if not target_refs and seizures and seizures[-1].target is not None:
                target_refs = [seizures[-1].target]
            implicit += 0.2
    if (
        not source_refs
        and (trigger.place_is_source or protested_owner)
        and place is not None
        and place.country
    ):
        # "In Seoul zogen Zehntausende zur japanischen Botschaft": the protesters' country
        source_refs = [state_ref(place.country, lexicon.language)]
    from_pronoun = False  # the source is the pronoun's, taken from the article
    if (
        not source_refs
        and pronoun_subject
        and lexicon.language == "de"  # English "it"/"they" often stand for things, not the last actor
        and not nominal
        # "werde man … antworten", not "that it be"; "…, forderte er": the pronoun right after the verb
        # that opens the clause after a report
        and (
            not lexicon.cues.get("subject_pronouns", frozenset()).isdisjoint(lowers[seg_start : match.last])
            or (
                match.first == seg_start
                and match.first + 1 < len(lowers)
                and lowers[match.first + 1] in lexicon.cues.get("subject_pronouns", frozenset())
            )
        )
        and context.last_subject is not None
    ):
        # German reported speech, "Sollte Nordkorea …, werde man mit Vergeltung antworten", "Er
        # verlangte die Freilassung": the pronoun is who acted last, not the actor of the clause before
        source_refs = [context.last_subject]
        implicit += 0.2
        from_pronoun = True
    if (
        source_refs
        and trigger.event_type in _UNNAMED_ADDRESSEE_TYPES
        and all(t.last < match.first for t in targets)
    ):
        # "Russland müsse seine Truppen abziehen, forderte Baerbock": the subject of the report is addressed
        reported = _reported_subject(lowers, match, slots, lexicon)
        if reported is not None and actor_key(reported) not in {actor_key(r) for r in source_refs}:
            target_refs = [reported]
        elif reported is None and _reported_both_sides(lowers, match, lexicon):
            # "Die Waffenruhe müsse von beiden Seiten eingehalten werden, mahnte er": both parties asked
            target_refs = context.parties(actor_key(source_refs[0])) or target_refs
    explicit = bool(source_refs or target_refs)
    if not explicit and not slots:
        source_refs, target_refs = _implicit_roles(tokens, lowers, seg_start, match, lexicon, context)
        implicit += 0.25
    counted = _counted_group(lowers, seg_start, match, slots, lexicon, context)
    if counted:
        # "Im Juni 2017 hatten die vier Staaten ihre Beziehungen zu Katar abgebrochen": the states
        # counted are those the article listed together; the subject, so actors named after them
        # are its objects
        group_keys = {actor_key(ref) for ref in counted}
        object_refs = target_refs or [ref for ref in source_refs if actor_key(ref) not in group_keys]
        object_keys = {actor_key(ref) for ref in object_refs}
        if object_refs and not group_keys <= object_keys:
            source_refs = [ref for ref in counted if actor_key(ref) not in object_keys]
            target_refs = object_refs
    if not source_refs and trigger.event_type == "COERCE":
        placed = _forces_of_place(lowers, seg_start, match, slots, lexicon)
        if placed is not None:
            # "In Malabo, security forces arrested 15 foreigners": the state's forces named only by the place
            # they act in act for its state (before the article's last subject stands in); only people named
            # by their nationality are held for their state ("a South African", "a French citizen"), not
            # "protesters outside the Russian embassy"
            nationals = _held_nationals(lowers, match, slots, lexicon)
            source_refs = [placed.mention.actor]
            target_refs = [
                ref
                for ref in target_refs
                if actor_key(ref) != actor_key(placed.mention.actor) and actor_key(ref) in nationals
            ]
    if not source_refs and context.last_subject is not None and explicit and subject_allowed:
        source_refs = [context.last_subject]
        implicit += 0.2
    referred = (
        _referred_event(lowers, match, seg_end, slots, lexicon, context)
        if source_refs and not charge_maker
        else []
    )
    if source_refs and coded_before and not referred and _relative_object(lowers, match, slots, lexicon):
        # "a Russian missile strike on a market killed 16 people, which Blinken condemned": the relative
        # pronoun is the object, the sentence's event before it
        referred = coded_before[-1:]
    if (
        source_refs
        and coded_before
        and not referred
        and lexicon.language == "de"
        and (trigger.event_type in _RESPONSES or trigger.event_type == "SUPPORT")
        and any(
            coded_before[-1].event_type in lexicon.named_types(word)
            for word in lowers[match.last + 1 : min(seg_end + 1, match.last + 4)]
        )
    ):
        # "Die EU verhängte Sanktionen gegen Iran, die USA kritisierten den Schritt": the event noun
        # names the act the sentence reported just before
        referred = coded_before[-1:]
    if referred and not charge_maker:
        # "Russland verurteilte die Lieferungen", "Iran condemned the strikes as …": the answer goes to
        # the actors of the event its object names
        speaker_key = actor_key(source_refs[0])
        answered = _answered(referred, speaker_key)
        if trigger.event_type == "REJECT" and all(actor_key(e.source) == speaker_key for e in referred):
            # "Vučić wies die Berichte über einen Aufmarsch zurück": denying its own reported act answers
            # whoever charged it, not the act's target
            accuser = context.respondent(speaker_key)
            answered = [accuser] if accuser is not None else answered
        if answered:
            target_refs = answered
    if source_refs and trigger.event_type == "THREATEN":
        # "warned that … would impose sanctions if Russia attacked": aimed at the condition's actor
        conditioned = _conditioned_actor(tokens, lowers, match, slots, lexicon)
        if conditioned is not None and actor_key(conditioned) != actor_key(source_refs[0]):
            target_refs = [conditioned]
        else:
            # "warned Putin that … if it invaded Ukraine": the condition's object is not the one warned
            condition = _condition_start(lowers, match, lexicon)
            in_condition = {actor_key(t.mention.actor) for t in targets if t.first > condition >= 0}
            outside_condition = [ref for ref in target_refs if actor_key(ref) not in in_condition]
            if outside_condition:
                target_refs = outside_condition
    if (
        lexicon.language == "en"
        and not trigger.symmetric
        and len({actor_key(ref) for ref in source_refs}) > 1
        and {actor_key(ref) for ref in target_refs} != {actor_key(ref) for ref in source_refs}
        and not _cue(lowers[seg_start : seg_end + 1], lexicon, "reciprocal")
        and not _cue(lowers[seg_start : seg_end + 1], lexicon, "both_sides")
    ):
        # "Japan and Australia voiced concern, with Tokyo's ambassador describing …": partners acting
        # together do not act on each other
        co_subjects = {actor_key(ref) for ref in source_refs}
        target_refs = [ref for ref in target_refs if actor_key(ref) not in co_subjects]
    if source_refs and not target_refs and trigger.visit:
        # "entsandte Rettungsteams nach Antakya", "travelled to Kharkiv": a town visited names its country
        # German verb-final clauses name the place before the verb: "… Zivilisten in Charkiw angegriffen"
        from_index = seg_start if lexicon.language == "de" else match.last + 1
        visited = _visited_country(
            places, _unattributed(lowers, from_index, lexicon), actor_key(source_refs[0])
        )
        if visited is not None:
            target_refs = [state_ref(visited, lexicon.language)]
    if (
        trigger.event_type == "SANCTION"
        and len(_unique_refs(source_refs)) > 1
        and not target_refs
        and sources
        and sources[-1].last + 1 < match.first
        and lowers[sources[-1].last + 1] in lexicon.cues.get("distributive", frozenset())
    ):
        # "Britain and Russia each sent home four diplomats": tit for tat, each against the other
        target_refs = _unique_refs(source_refs)
    if len(_unique_refs(source_refs)) > 1 and _cue(lowers[seg_start : seg_end + 1], lexicon, "reciprocal"):
        # "Armenia and Azerbaijan accused each other", "warfen sich gegenseitig vor": each to the other
        target_refs = _unique_refs(source_refs)
    # the object slot right after the verb: after the first word of a split German trigger ("rief … auf")
    # (a German verb-final trigger has no object after it: "war … zusammengekommen; beide Seiten …")
    object_at = match.first + 1 if len(match.indices) > 1 else match.last + 1
    if lexicon.language == "de" and len(match.indices) == 1:
        object_at = len(lowers)
    if source_refs and not target_refs and _cue(lowers[seg_start : seg_end + 1], lexicon, "both_sides"):
        # "appellierte an beide Seiten", "urged both sides": the two actors the article is about
        target_refs = context.parties(actor_key(source_refs[0])) or context.counterparts(
            actor_key(source_refs[0]), 2
        )
    elif source_refs and _cue(lowers[object_at : object_at + 3], lexicon, "both_sides"):
        # "urged both sides to resolve their dispute within the rules of the WTO", "telefonierte mit
        # Lawrow und rief beide Seiten zur Deeskalation auf": the object right after the verb is the
        # parties; an actor elsewhere in the clause is only mentioned or belongs to another predicate
        target_refs = context.parties(actor_key(source_refs[0])) or target_refs
    if source_refs and not target_refs and coded_before and ":" in lowers[: match.first]:
        # "sagte der Ukraine Unterstützung zu: Deutschland werde Milliarden bereitstellen": after a colon
        # the same actor's elaboration goes to the same target
        speakers = {actor_key(ref) for ref in source_refs}
        target_refs = _unique_refs(
            [e.target for e in coded_before if actor_key(e.source) in speakers and e.target is not None]
        )
    if source_refs and target_refs and trigger.event_type == "REJECT":
        # "Vučić bestritt jede Beteiligung des serbischen Staates": the speaker's own state in the object
        # is no target; the denial answers whoever charged it
        speakers = {actor_key(ref) for ref in source_refs}
        target_refs = [ref for ref in target_refs if actor_key(ref) not in speakers]
    if (
        source_refs
        and not target_refs
        and lexicon.language == "de"
        and context.last_subject is not None
        and actor_key(context.last_subject) not in {actor_key(ref) for ref in source_refs}
        and _object_pronoun(tokens, seg_start, seg_end, match, lexicon)
    ):
        # "Lukaschenko besuchte Moskau. Danach verweigerte Litauen ihm die Überflugrechte": the pronoun
        # object is who acted last, as a pronoun subject is
        target_refs = [context.last_subject]
        implicit += 0.2
    if (
        source_refs
        and not target_refs
        and (sources or from_pronoun)
        # "called on Western allies to send …", "appellierte an die internationale Gemeinschaft": the
        # ones addressed are named, just not as a state, so no other actor stands in for them
        and not _cue(lowers[match.last + 1 : match.last + 4], lexicon, "unnamed_parties")
        and not (  # "warnte den Westen vor …": right after the verb of a split trigger
            len(match.indices) > 1
            and _cue(lowers[match.first + 1 : match.first + 4], lexicon, "unnamed_parties")
        )
        and not _unnamed_before_final_verb(lowers, match, sources, seg_start, lexicon)
        and not _blames_thing(lowers, match, lexicon)
        and not _bare_concern(lowers, match, lexicon)
        # "Scholz verteidigte die Entscheidung", "Turkey had only defended its borders": defending an act
        # justifies it; only a named actor defended is supported
        and not (trigger.event_type == "SUPPORT" and _trigger_cue(lowers, match, lexicon, "defending"))
        # "Norwegen, das die Gespräche vermittelt hatte", "dankte Anwar für seine Vermittlung": mediation
        # is between the parties it names; none named, the context offers no party
        and not (trigger.event_type == "CONSULT" and _trigger_cue(lowers, match, lexicon, "mediating"))
    ):
        counterpart: ActorRef | None = None
        if trigger.event_type in _RESPONSES:
            # "Qin wies die Mahnungen zurück": the answer goes to whoever last acted on the speaker
            counterpart = context.respondent(actor_key(source_refs[0]))
            last = context.last_subject
            if counterpart is None and charge_at >= 0 and last is not None:
                # "Spain has questions to answer, the minister said. Spain rejected the charge as absurd":
                # a charge no event coded was made by whoever spoke last
                counterpart = last if actor_key(last) != actor_key(source_refs[0]) else None
        elif trigger.event_type == "REQUEST" and _cue(
            _object_phrase(lowers, match), lexicon, "de_escalation"
        ):
            # "verlangte die Freilassung der Seeleute", "called for restraint": asked of whoever used force
            requester = actor_key(source_refs[0])
            # "Russland kündigte den Abzug an … Merkel verlangte einen vollständigen Abzug": with no force
            # reported, asked of whoever announced the de-escalation
            withdrawing = [
                e.source for e in context.last_by_type.get("RETREAT", []) if actor_key(e.source) != requester
            ]
            counterpart = context.aggressor(requester) or (withdrawing[-1] if withdrawing else None)
        elif trigger.assists and context.last_subject is not None:
            # "The US struck Houthi targets. Canada and Bahrain provided support": the helped one acted last
            helped = context.last_subject
            if actor_key(helped) not in {actor_key(ref) for ref in source_refs}:
                counterpart = helped
        likewise = (
            _likewise_target(source_refs, context.last_by_type.get(trigger.event_type or "", []))
            if trigger.joins or _cue(lowers[seg_start : seg_end + 1], lexicon, "likewise")
            else None
        )
        if counterpart is not None and actor_key(counterpart) in venues:
            counterpart = None
        if trigger.event_type in _HOSTILE_TYPES and coded_before:
            # "accused Abu Dhabi of arming the RSF and said Sudan reserved the right to respond": a hostile
            # act with no named object is aimed where the same actor's last one in the sentence was (not
            # assigned under "if counterpart is None": compiled, mypyc gives the variable that narrowed type)
            counterpart = counterpart or _aimed_like_before(actor_key(source_refs[0]), coded_before)
        if (
            likewise is None
            and counterpart is None
            and not slots
            and from_pronoun
            and _cue(lowers[seg_start : match.last], lexicon, "ambiguous_pronouns")
        ):
            # "Kerntechnik lehnen sie als Teufelszeug ab", "dass sie alles angreifen": in a sentence that
            # names no actor, a pronoun that as often means people or things named in passing ("sie")
            # would take both sides of the event from the article; "er" and "man" stay the last actor
            return []
        counterpart = likewise or counterpart or context.counterpart(actor_key(source_refs[0]), venues)
        if counterpart is not None:
            target_refs = [counterpart]
            implicit += 0.2
    if trigger.event_type == "REJECT" and lexicon.language == "en":
        rejecter = _relative_rejecter(lowers, seg_start, match, slots, lexicon, context, coded_before)
        if rejecter is not None:
            # "Egypt demanded that Ethiopia stop filling the dam, which Abiy's government refused to do"
            source_refs, target_refs = [rejecter[0]], [rejecter[1]]
    if not source_refs or not target_refs:
        return []
    # "Japan … to protest against Seoul's decision": a government's protest is an official complaint
    official = bool(sources) and all(_speaks_for_state(s.mention) for s in sources)
    # "Ecuadorian police stormed the Mexican embassy": the state's own forces coerce, they do not protest
    agents = lexicon.cues.get("state_agents", frozenset())
    forced = bool(sources) and all(s.last + 1 < len(lowers) and lowers[s.last + 1] in agents for s in sources)
    return _emit(
        match, view, (seg_start, seg_end), place, source_refs, target_refs, implicit, official, forced
    )


_PLACE_REACH = 8  # tokens before the clause where the place of its forces may be named ("In Malabo, …")


def _forces_of_place(
    lowers: list[str], seg_start: int, match: TriggerMatch, slots: list[_Slot], lexicon: EventLexicon
) -> _Slot | None:
    """The place whose state's forces act when the clause's subject is a bare force word (cue
    ``state_agents``: "security forces", "police") before the trigger and a state or its capital is named
    with a locative preposition before the trigger ("In Malabo, security forces arrested …", "Police in
    Tehran detained …"), else None."""
    agents = lexicon.cues.get("state_agents", frozenset())
    start = max(0, seg_start - _PLACE_REACH)
    if agents.isdisjoint(lowers[seg_start : match.first]):
        return None
    if any(s.prep is None and seg_start <= s.first < match.first for s in slots):
        return None  # "Iranian police": the adjective already names the state
    places = [
        s
        for s in slots
        if s.prep in lexicon.prepositions["locative"]
        and start <= s.first < match.first
        and s.mention.actor.kind == "state"
        and not _is_adjective(s.mention)
    ]
    return places[-1] if places else None


def _held_nationals(
    lowers: list[str], match: TriggerMatch, slots: list[_Slot], lexicon: EventLexicon
) -> set[str | None]:
    """The keys of the states whose people are named by their nationality after the trigger ("a French
    citizen", cue ``held_people``; a demonym, "two Britons"; "among them a South African, Nick du Toit":
    an adjective used as a noun)."""
    held_people = lexicon.cues.get("held_people", frozenset())
    indefinite = lexicon.cues.get("indefinite_articles", frozenset())
    return {
        actor_key(t.mention.actor)
        for t in slots
        if t.first > match.last
        and (
            (t.last + 1 < len(lowers) and lowers[t.last + 1] in held_people)
            or any(part.sub == "demonym" for part in t.mention.parts)
            or (
                lowers[t.first - 1] in indefinite
                and (t.last + 1 >= len(lowers) or not lowers[t.last + 1].isalpha())
            )
        )
    }


def _relative_rejecter(
    lowers: list[str],
    seg_start: int,
    match: TriggerMatch,
    slots: list[_Slot],
    lexicon: EventLexicon,
    context: Context,
    coded_before: list[Event] | None,
) -> tuple[ActorRef, ActorRef] | None:
    """ "…, which Abiy's government refused to do", "…, which the government rejected": a relative clause
    whose subject names no actor refuses for the state that subject stands for (a known person's
    possessive: the person's state; "the government": the last state named other than the demander),
    toward the one who demanded (the sentence's last coded source, else its first subject)."""
    start = seg_start + 1 if seg_start < len(lowers) and lowers[seg_start] == "which" else -1
    if start < 1 or start >= match.first or match.first - start > _RELATIVE_SUBJECT_REACH:
        return None
    if any(start <= s.first < match.first for s in slots):
        return None  # an actor of its own: the ordinary rules apply
    before = [s for s in slots if s.last < seg_start and s.mention.actor.kind == "state"]
    demander = (
        coded_before[-1].source
        if coded_before
        else next((s.mention.actor for s in slots if s.last < seg_start and s.prep is None), None)
    )
    if demander is None:
        return None
    phrase = lowers[start : match.first]
    state: ActorRef | None = None
    possessor = next((w[:-2] for w in phrase if w.endswith("'s") and len(w) > 2), None)
    if possessor is not None:
        for ref in context.refs.values():
            names = {part.lower() for part in ref.name.split()}
            if ref.kind == "person" and ref.country and possessor in names:
                state = state_ref(ref.country, lexicon.language)
                break
    elif "the" in phrase and not lexicon.cues.get("institutions", frozenset()).isdisjoint(phrase):
        others = [s.mention.actor for s in before if actor_key(s.mention.actor) != actor_key(demander)]
        state = others[-1] if others else None
    if state is None or actor_key(state) == actor_key(demander):
        return None
    return state, demander


_RELATIVE_SUBJECT_REACH = (
    5  # words of the relative clause's subject and auxiliaries ("Abiy's government has")
)


_CONCERN_END_MARKS = frozenset((".", ",", ";", ":", "!"))  # punctuation that ends a bare concern


def _bare_concern(lowers: list[str], match: TriggerMatch, lexicon: EventLexicon) -> bool:
    """ "Gabriel zeigte sich besorgt.", "China zeigte sich „besorgt“ und rief beide Seiten …", "voiced
    concern, with …": concern that names nothing it is about accuses no one the context offers ("Auch
    Japan zeigte sich besorgt", "also voiced concern": the same concern as others, over what they named)."""
    if match.trigger.event_type != "ACCUSE" or lexicon.cues.get("concern", frozenset()).isdisjoint(
        lowers[i] for i in match.indices
    ):
        return False
    if _cue(lowers[: match.first], lexicon, "likewise"):
        return False
    index = match.last + 1
    while index < len(lowers) and lowers[index] in _QUOTE_MARKS:
        index += 1
    return (
        index >= len(lowers)
        or lowers[index] in _CONCERN_END_MARKS
        or lowers[index] in lexicon.cues.get("concern_ends", frozenset())
    )


def _trigger_cue(lowers: list[str], match: TriggerMatch, lexicon: EventLexicon, name: str) -> bool:
    """Whether a word of the trigger itself (not of its gap) is in cue list ``name``."""
    return _cue([lowers[i] for i in match.indices], lexicon, name)


def _held_trigger(lowers: list[str], match: TriggerMatch) -> bool:
    """ "is being held", "were held": an English passive of "hold" read as detention."""
    return (
        match.trigger.event_type == "COERCE"
        and len(match.indices) > 1
        and lowers[match.last] == "held"
        and match.trigger.mode == "arrest"
    )


_HELD_REACH = 12  # words before "held" that may name those held ("Its crew, including 18 Indians, is …")


def _people_held(lowers: list[str], match: TriggerMatch, lexicon: EventLexicon) -> bool:
    """Whether people (cue ``held_people``: a crew, sailors, citizens) stand before "held" in its sentence,
    not talks or elections."""
    people = lexicon.cues.get("held_people", frozenset())
    start = max(0, match.first - _HELD_REACH)
    for index in range(match.first - 1, start - 1, -1):
        if lowers[index] in (".", ";", ":"):
            return False
        if lowers[index] in people:
            return True
    return False


def _blames_thing(lowers: list[str], match: TriggerMatch, lexicon: EventLexicon) -> bool:
    """ "halted the pipeline, blaming 'technical considerations'", "blamed bad weather": an English blame
    whose object (cue ``blame_verbs``) is a quote or a phrase that names no actor blames a thing, not a
    state from context ("blaming it on …" is the last event's target)."""
    if match.trigger.event_type != "ACCUSE" or lowers[match.last] not in lexicon.cues.get(
        "blame_verbs", frozenset()
    ):
        return False
    following = match.last + 1
    if following >= len(lowers):
        return False
    word = lowers[following]
    return (
        word not in lexicon.cues.get("object_pronouns", frozenset())
        and word not in lexicon.prepositions["all"]
    )


def _in_custody(lowers: list[str], bounds: _Bounds, match: TriggerMatch, lexicon: EventLexicon) -> bool:
    """ "die seit 1999 in Libyen in Haft sind", "sitzt in Russland in Untersuchungshaft": a state of
    custody (cues ``custody`` and ``custody_states``) reads like a passive; the subject is held."""
    if match.trigger.event_type != "COERCE" or lowers[match.last] not in lexicon.cues.get(
        "custody", frozenset()
    ):
        return False
    seg_start, seg_end = bounds.segment(match)
    return not lexicon.cues.get("custody_states", frozenset()).isdisjoint(lowers[seg_start : seg_end + 1])


def _vehicle_after(lowers: list[str], last: int, before: int, lexicon: EventLexicon) -> bool:
    """ "a Russian oil tanker", "the Chinese research vessel": the actor names a vehicle's flag (cue
    ``vehicles``; at most one modifier between), which goes nowhere on behalf of its state."""
    vehicles = lexicon.cues.get("vehicles", frozenset())
    if not vehicles or last + 1 >= before:
        return False
    if lowers[last + 1] in vehicles:
        return True
    modifier = lowers[last + 1]
    return (
        last + 2 < before
        and modifier.isalpha()
        and modifier not in lexicon.coordinators
        and modifier not in lexicon.prepositions["all"]
        and lowers[last + 2] in vehicles
    )


_AGENT_REACH = 8  # tokens from a participle to the "by" of its agent ("signed in Cairo last week by")


def _participle_with_agent(
    lowers: list[str], match: TriggerMatch, slots: list[_Slot], lexicon: EventLexicon
) -> bool:
    """ "a maritime boundary deal signed in Cairo last week by Greece and Egypt", "the tanker seized by
    Iran": an English past participle right after a common noun (no actor, pronoun or auxiliary before
    it), whose agent follows with "by" in the same phrase (no comma, no other participle between)."""
    if lexicon.language != "en" or match.first == 0:
        return False
    head = lowers[match.first]
    cues = lexicon.cues
    if (
        not head.endswith(("ed", "en"))
        or head in cues.get("not_participles", frozenset())
        or head
        in cues.get("hosting", frozenset())  # "held talks hosted by the EU": the host meets the parties
    ):
        return False
    before = lowers[match.first - 1]
    if (
        not before.isalpha()
        or before.endswith("ly")
        or before in cues.get("subject_pronouns", frozenset())
        or before in cues.get("passive_aux", frozenset())
        or before in cues.get("finite_auxiliaries", frozenset())
        or before in cues.get("relative", frozenset())
        or before in lexicon.coordinators
        or before in lexicon.prepositions["all"]
        or any(s.last == match.first - 1 for s in slots)
    ):
        return False
    agents = lexicon.prepositions["agent"]
    for slot in slots:
        if slot.prep in agents and match.last < slot.prep_index <= match.last + _AGENT_REACH:
            between = lowers[match.last + 1 : slot.prep_index]
            return not any(
                w in _SEGMENT_BREAKS
                or (w.endswith("ed") and w not in cues.get("not_participles", frozenset()))
                for w in between
            )
    return False


def _host_of_meeting(
    lowers: list[str],
    slot: _Slot,
    match: TriggerMatch,
    slots: list[_Slot],
    seg_start: int,
    lexicon: EventLexicon,
) -> bool:
    """ "Kono and Kang met at a meeting hosted by China's Wang Yi", "talks mediated by Qatar": an English
    agent of a participle after a symmetric act with its own subjects hosts or mediates; he is no party."""
    verb = slot.prep_index - 1
    return (
        lexicon.language == "en"
        and match.trigger.symmetric
        and match.last < verb
        and lowers[verb].endswith("ed")
        and lowers[verb] not in lexicon.cues.get("light_verbs", frozenset())
        and sum(1 for s in slots if s.prep is None and seg_start <= s.first < match.first) >= 2
    )


def _speaks_for_state(mention: Mention) -> bool:
    """A state named by its name or capital, an organisation or an office holder, not a crowd of its
    people ("Russian demonstrators", "Tausende Iraner")."""
    return any(
        part.kind in ("org", "role", "person") or (part.kind == "state" and part.sub in _STATE_NAMES)
        for part in mention.parts
    )


_STATE_NAMES = frozenset({"name", "metonym", "ambiguous"})


_UNNAMED_ADDRESSEE_TYPES = frozenset({"REQUEST", "THREATEN", "ACCUSE", "SUPPORT"})


_REPORT_BOUNDS = frozenset((",", ";", ":", "–", "—"))  # where a report before the speech verb's comma starts


def _reported_both_sides(lowers: list[str], match: TriggerMatch, lexicon: EventLexicon) -> bool:
    """Whether a Konjunktiv I report before the trigger's comma names both sides ("Die Waffenruhe müsse
    von beiden Seiten eingehalten werden, mahnte er")."""
    comma = match.first - 1
    adverbs = lexicon.cues.get("clause_adverbs", frozenset())
    while comma >= 0 and lowers[comma] in adverbs:
        comma -= 1
    if comma <= 0 or lowers[comma] != ",":
        return False
    # quotation marks inside the report do not end it: "müsse von beiden Seiten „strikt eingehalten“ werden"
    start = comma - 1
    while start >= 0 and lowers[start] not in _REPORT_BOUNDS:
        start -= 1
    report = lowers[start + 1 : comma]
    return not lexicon.cues.get("reported_verbs", frozenset()).isdisjoint(report) and _cue(
        report, lexicon, "both_sides"
    )


def _reported_subject(
    lowers: list[str], match: TriggerMatch, slots: list[_Slot], lexicon: EventLexicon
) -> ActorRef | None:
    """The subject of a Konjunktiv I report before the trigger's comma ("Caracas müsse …, forderte er")."""
    comma = match.first - 1
    adverbs = lexicon.cues.get("clause_adverbs", frozenset())
    while comma >= 0 and lowers[comma] in adverbs:
        comma -= 1
    if comma <= 0 or lowers[comma] != "," or not _reported_before(lowers, comma, lexicon):
        return None
    start = _break_before(lowers, comma - 1)
    inside = [
        s for s in slots if start < s.first < comma and s.prep is None and not s.mention.compound_modifier
    ]
    return inside[0].mention.actor if inside else None


def _unnamed_before_final_verb(
    lowers: list[str], match: TriggerMatch, sources: list[_Slot], seg_start: int, lexicon: EventLexicon
) -> bool:
    """ "hatte den Westen über Monate um Flugabwehr gebeten": German puts the participle last, so the
    unnamed ones addressed stand between the subject and the verb."""
    if (
        match.trigger.event_type not in _UNNAMED_ADDRESSEE_TYPES
        or len(match.indices) > 1
        or lexicon.language != "de"
    ):
        return False
    start = max([s.last + 1 for s in sources if s.last < match.first] or [seg_start])
    if start < len(lowers) and lowers[start] in lexicon.coordinators:
        return False  # "wie sie Kiew und seine Verbündeten verlangen": they are among the subjects
    return _cue(lowers[start : match.first], lexicon, "unnamed_parties")


_SUBJECT_GAP = 2  # words an English subject may stand before its verb ("has", "also", "quickly")


def _adjacent_subject(
    lowers: list[str], match: TriggerMatch, pool: list[_Slot], lexicon: EventLexicon
) -> _Slot | None:
    """The English actor right before a verb trigger, with only auxiliaries or adverbs between."""
    if lexicon.language != "en":
        return None
    before = [
        s
        for s in pool
        if s.last < match.first
        and s.prep is None
        and not s.mention.compound_modifier
        and not _is_adjective(s.mention)
        and "-" not in lowers[s.last]  # "a UN-monitored truce": a modifier, no subject
    ]
    if not before:
        return None
    slot = before[-1]
    between = lowers[slot.last + 1 : match.first]
    stops = lexicon.prepositions["all"] | lexicon.coordinators | lexicon.articles
    if len(between) > _SUBJECT_GAP or any(not w.isalpha() or w in stops for w in between):
        return None
    return slot


def _beyond_bracket(lowers: list[str], slot: _Slot, match: TriggerMatch, lexicon: EventLexicon) -> bool:
    """German split verbs close their clause with the particle ("sicherte … zu"): an actor after it and
    after "und"/"oder" is an object of the next predicate, not of this one (cue ``verb_particles``)."""
    particles = lexicon.cues.get("verb_particles", frozenset())
    return (
        len(match.indices) > 1
        and lowers[match.last] in particles
        and slot.first > match.last
        and not lexicon.coordinators.isdisjoint(lowers[match.last + 1 : slot.first])
    )


def _noun_complement(tokens: list[Token], slot: _Slot, match: TriggerMatch, lexicon: EventLexicon) -> bool:
    """ "hätten über die Lage und den Atomstreit mit dem Iran gesprochen": "mit X" right after a common
    noun inside a topic phrase ("über …", cue ``topic``) belongs to that noun."""
    topic = lexicon.cues.get("topic", frozenset())
    index = slot.prep_index
    if not topic or index < 2 or index - 1 in match.indices:
        return False
    noun = tokens[index - 1]
    if not noun.is_capitalised or tokens[index - 2].lower not in lexicon.articles:
        return False  # "den Atomstreit mit", not "am Montag mit" or "mit X und mit Y"
    start = match.last + 1 if index > match.last else 0
    return not topic.isdisjoint(t.lower for t in tokens[max(start, index - 12) : index - 1])


def _object_phrase(lowers: list[str], match: TriggerMatch, reach: int = 10) -> list[str]:
    """The words after a trigger up to the next pause, quotes included ("verlangte einen „sofortigen
    und vollständigen“ Abzug": the quote is part of the object, not a clause of its own)."""
    words: list[str] = []
    for word in lowers[match.last + 1 : match.last + 1 + reach]:
        if word in (",", ";", ":", "."):
            break
        words.append(word)
    return words


def _likewise_target(source_refs: list[ActorRef], same_kind: list[Event]) -> ActorRef | None:
    """ "Auch die USA hatten ihre Zahlungen gestoppt": an act repeated by others ("auch", "ebenfalls")
    with no target named has the target of the article's latest act of its kind."""
    own = {actor_key(ref) for ref in source_refs}
    earlier = [e.target for e in same_kind if e.target is not None and actor_key(e.target) not in own]
    return earlier[-1] if earlier else None


def _reported_clause(
    in_segment: list[_Slot], lowers: list[str], match: TriggerMatch, view: _View
) -> list[_Slot]:
    """ "U.S. officials said Russia had moved troops": the subject of the reported clause acts, not
    the speaker; a verb of saying between the actors and the trigger separates the two clauses.

    Only a plain verb of saying counts: one that is a trigger itself ("warned Russia would face
    consequences") codes its own event with the speaker as source.
    """
    if len(in_segment) < 2:
        return in_segment
    speech = view.lexicon.cues.get("speech", frozenset())
    addressed = view.lexicon.cues.get("addressed", frozenset())
    for index in range(match.first - 1, in_segment[0].last, -1):
        word = lowers[index]
        if word in speech and word not in addressed and not view.lexicon.candidates(word):
            reported = [s for s in in_segment if index < s.first]
            return reported or in_segment
    return in_segment


_JUDGING_TYPES = frozenset({"ACCUSE", "SUPPORT", "PROTEST"})
_JOINT_TYPES = frozenset({"AGREE", "CONSULT", "COOPERATE"})  # acts partners do together
_HOSTILE_TYPES = frozenset({"ACCUSE", "THREATEN", "REQUEST", "REJECT", "SANCTION"})  # aimed at an adversary
_FORCEFUL_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE"})
_OWNED_EVENT_REACH = 5  # tokens from the judging verb to the judged event noun


def _owner_end(lowers: list[str], noun: int) -> int:
    """Where the owner of the event noun at ``noun`` ends if it stands right before it: "the Israeli
    strikes", "Russlands Angriffe", "Russia's attacks" (before its "'s")."""
    return noun - 2 if lowers[noun - 1] in ("'s", "’s") else noun - 1


def _without_victims(
    lowers: list[str], match: TriggerMatch, targets: list[_Slot], lexicon: EventLexicon
) -> list[_Slot]:
    """ "condemned the Israeli strikes on Iran", "verurteilt die israelischen Angriffe auf Iran": the
    judged act's owner is the target; the one it hit is not."""
    reach = min(len(lowers), match.last + 1 + _OWNED_EVENT_REACH)
    for index in range(match.last + 1, reach):
        if _FORCEFUL_TYPES.isdisjoint(lexicon.named_types(lowers[index])):
            continue
        before = _owner_end(lowers, index)
        owned = any(t.last == before for t in targets)
        victims = [t for t in targets if t.first > index]
        if owned and victims and len(victims) < len(targets):
            return [t for t in targets if t.first < index]
        return targets
    return targets


def _unowned_victims(
    lowers: list[str], match: TriggerMatch, targets: list[_Slot], lexicon: EventLexicon
) -> list[_Slot]:
    """ "condemned the attack on Kyiv", "condemn attacks on Port Sudan": an act of force with no owner
    named before it; the actors it hit ("on X", "against X") are victims, not the ones judged."""
    hit = lexicon.cues.get("struck_prepositions", frozenset())
    reach = min(len(lowers), match.last + 1 + _OWNED_EVENT_REACH)
    for index in range(match.last + 1, reach):
        if lowers[index] in lexicon.coordinators or not lowers[index].isalnum():
            return []  # "welcomed the outcome and said sanctions …": another clause
        if "ASSAULT" not in lexicon.named_types(lowers[index]):
            continue
        before = _owner_end(lowers, index)
        if any(t.last == before or match.last < t.first < index for t in targets):
            return []  # "the Israeli strikes on Iran", "condemned Russia for its attack on …"
        return [t for t in targets if t.first > index and t.prep in hit and t.prep_index <= index + 2]
    return []


def _purpose_start(lowers: list[str], match: TriggerMatch, lexicon: EventLexicon) -> int:
    """Where a purpose against a third party begins after the trigger ("… to counter", "… to deter"),
    -1 for none; a clause break ends the search."""
    phrases = lexicon.cue_index("purposes")[2]
    if not phrases:
        return -1
    for index in range(match.last + 1, len(lowers) - 1):
        if lowers[index] in (";", ":", "."):
            return -1
        candidates = phrases.get(lowers[index])
        if candidates and any(tuple(lowers[index : index + len(p)]) == p for p in candidates):
            return index
    return -1


def _condition_start(lowers: list[str], match: TriggerMatch, lexicon: EventLexicon) -> int:
    """Where a condition after the trigger begins ("if", "falls"), -1 for none."""
    conditionals = lexicon.cues.get("conditional", frozenset())
    return next((i for i in range(match.last + 1, len(lowers)) if lowers[i] in conditionals), -1)


def _conditioned_actor(
    tokens: list[Token], lowers: list[str], match: TriggerMatch, slots: list[_Slot], lexicon: EventLexicon
) -> ActorRef | None:
    """The subject of the condition in a threat's sentence ("if Russia attacked", "falls Moskau …",
    "Sollte Moskau …"): the first actor within four words after the conditional word, unless a
    subject pronoun comes first ("if it invaded Ukraine": the pronoun's clause, Ukraine its object)."""
    conditionals = lexicon.cues.get("conditional", frozenset())
    pronouns = lexicon.cues.get("subject_pronouns", frozenset()) | {"es", "it"}
    for index, word in enumerate(lowers):
        if word in conditionals and index not in match.indices:
            if index + 1 < len(lowers) and lowers[index + 1] in pronouns:
                continue  # "warned Finland of consequences if it joins NATO": the pronoun's clause, not NATO
            near = [s for s in slots if index < s.first <= index + 4 and s.prep is None]
            if (
                near
                and lexicon.language == "de"
                and _noun_subject_before(tokens, index + 1, near[0], lexicon)
            ):
                continue  # "falls das Land der Nato beitritt": "das Land" is the subject, NATO its object
            # "if it invaded Ukraine": the pronoun is the subject (the one warned), Ukraine its object
            if near and pronouns.isdisjoint(lowers[index + 1 : near[0].first]):
                return near[0].mention.actor
    return None


def _object_pronoun(
    tokens: list[Token], seg_start: int, seg_end: int, match: TriggerMatch, lexicon: EventLexicon
) -> bool:
    """German: a personal pronoun object in the trigger's clause up to just after the trigger ("verweigerte
    ihm die Einreise", "ihnen … vorgeworfen"); one that is also a possessive ("ihr") only before an
    article or a lower-case word ("ihr die Einreise", not "ihr Botschafter")."""
    pronouns = lexicon.cues.get("clause_object_pronouns", frozenset())
    for index in range(seg_start, min(seg_end, match.last + 2) + 1):
        word = tokens[index].lower
        if word not in pronouns or index in match.indices:
            continue
        if word not in lexicon.cues.get("possessives", frozenset()):
            return True
        if index + 1 < len(tokens) and (
            tokens[index + 1].lower in lexicon.articles or not tokens[index + 1].is_capitalised
        ):
            return True
    return False


def _fronted_owners(
    tokens: list[Token], seg_start: int, match: TriggerMatch, slots: list[_Slot], lexicon: EventLexicon
) -> list[_Slot]:
    """German verb-second: the genitive owners of an act noun that opens the clause right before the verb
    ("Hilfe der EU lehnt …", "Die Kritik Chinas wies … zurück"); empty when the clause opens otherwise."""
    head = seg_start + 1 if tokens[seg_start].lower in lexicon.articles else seg_start
    if head >= match.first or not tokens[head].is_capitalised or not lexicon.named_types(tokens[head].lower):
        return []
    before = [s for s in slots if seg_start <= s.first < match.first]
    if not before or any(s.first <= head for s in before) or before[-1].last + 1 != match.first:
        return []
    genitive = lexicon.cues.get("genitive_articles", frozenset())
    if all(
        tokens[s.first - 1].lower in genitive or (s.first == head + 1 and s.mention.surface.endswith("s"))
        for s in before
    ):
        return before
    return []


def _act_noun_between(tokens: list[Token], start: int, end: int, lexicon: EventLexicon) -> bool:
    """A German noun naming an act ("Ausweisung", "Sanktionen") between two positions."""
    return any(
        tokens[i].is_capitalised
        and (tokens[i].lower.endswith(("ung", "ungen")) or bool(lexicon.named_types(tokens[i].lower)))
        for i in range(start, end)
    )


def _noun_subject_before(tokens: list[Token], start: int, slot: _Slot, lexicon: EventLexicon) -> bool:
    """German: a noun phrase of its own ("das Land", "die Regierung") between a conjunction and the
    first actor is the clause's subject; the actor after it ("der Nato") is an object. A genitive
    right after the noun ("die Truppen Russlands") belongs to it and is no object."""
    nouns = [
        i
        for i in range(start, slot.first)
        if tokens[i].is_capitalised and tokens[i].lower not in lexicon.articles and i > start
    ]
    if not nouns or tokens[start].lower not in lexicon.cues.get("definite", frozenset()):
        return False
    return not (nouns[-1] + 1 == slot.first and slot.mention.surface.endswith("s"))


def _counted_group(
    lowers: list[str],
    seg_start: int,
    match: TriggerMatch,
    slots: list[_Slot],
    lexicon: EventLexicon,
    context: Context,
) -> list[ActorRef]:
    """The states of "die vier Staaten", "die drei Golfstaaten" before the trigger, with no actor named
    before them in the clause (the lexicon's ``numbers``: German only so far)."""
    if not lexicon.numbers:
        return []
    nouns = lexicon.cues.get("group_nouns", frozenset())
    articles = lexicon.cues.get("group_articles", frozenset())
    for index in range(seg_start, match.first - 1):
        count = lexicon.numbers.get(lowers[index])
        if count is None or index == 0 or lowers[index - 1] not in articles:
            continue
        head = lowers[index + 1]
        if any(head.endswith(noun) for noun in nouns):
            if any(seg_start <= s.first < index for s in slots):
                return []
            return context.group(count)
    return []


def _not_recipients(
    lowers: list[str], match: TriggerMatch, targets: list[_Slot], lexicon: EventLexicon
) -> list[_Slot]:
    """ "kritisierte die Waffenlieferungen der USA an Taiwan", "verurteilte die Lieferungen an Kiew": the
    recipient of the aid criticised ("an" after an aid noun in the object) is no target when its supplier
    is named too."""
    kept: list[_Slot] = []
    for slot in targets:
        if slot.prep == "an" and slot.first > match.last:
            between = lowers[match.last + 1 : slot.first]
            if any(
                pattern.trigger.event_type == "AID" and len(pattern.tokens) == 1
                for word in between
                for pattern in lexicon.candidates(word.rsplit("-", 1)[-1])
            ):
                continue
        kept.append(slot)
    return kept or targets


def _relative_before_state(
    tokens: list[Token], index: int, relatives: frozenset[str], slots: list[_Slot], lexicon: EventLexicon
) -> bool:
    """ "Die Ukraine, die Deutschland um Patriot-Systeme gebeten hatte": a relative pronoun before a
    state named without an article (German only)."""
    if lexicon.language != "de" or index == 0 or index + 1 >= len(tokens):
        return False
    # only the pronouns that can be the subject of their clause: "den"/"dem" make the state its subject
    if tokens[index - 1].lower != "," or tokens[index].lower not in relatives & {"die", "das"}:
        return False
    following = tokens[index + 1].lower
    slot = next((s for s in slots if s.first == index + 1), None)
    if slot is None or not slot.mention.parts:
        return False
    part = slot.mention.parts[0]
    if part.kind != "state" or part.sub not in ("name", "metonym"):
        return False
    # "die Türkei", "die USA" (``article_state_names``): "die" before them is their article
    return tokens[index].lower != "die" or not following.endswith(lexicon.cue_suffixes("article_state_names"))


def _implicit_roles(
    tokens: list[Token],
    lowers: list[str],
    seg_start: int,
    match: TriggerMatch,
    lexicon: EventLexicon,
    context: Context,
) -> tuple[list[ActorRef], list[ActorRef]]:
    """ "Beide Regierungen vereinbarten …", "The two leaders agreed …": an event between the two sides
    of the previous sentence's event ("Putin wurde von Kim empfangen. Beide unterzeichneten …"), else
    between the two actors the article is about. (A bare pronoun subject with no actor named was tried too
    and coded more wrong events than right ones on the dev set.)"""
    both = _cue(lowers[seg_start : match.first], lexicon, "both_sides")
    if (
        not both
        and seg_start + 1 <= match.first
        and lowers[seg_start] in lexicon.cues.get("both", frozenset())
    ):
        # "Beide unterzeichneten einen Vertrag", "Both agreed to …": the pronoun opens the clause
        both = seg_start + 1 in match.indices or not tokens[seg_start + 1].is_capitalised
    if both:
        pair = context.recent_pair() or context.counterparts(None, 2)
        if len(pair) == 2 and match.trigger.event_type in _RESPONSES:
            # "Both leaders condemned the launch": the two answer the most salient other actor of the article
            keys = {actor_key(ref) for ref in pair}
            third = [ref for ref in context.counterparts(None, 4) if actor_key(ref) not in keys][:1]
            return (pair, third) if third else ([], [])
        if len(pair) == 2:
            # symmetric: one event; "Both countries have deployed troops", "Both sides will halt their
            # operations" (mutual: each stops or hands over): each against the other
            return (
                (pair[:1], pair[1:]) if match.trigger.symmetric and not match.trigger.mutual else (pair, pair)
            )
    return [], []


def _addressees(
    lowers: list[str], match: TriggerMatch, targets: list[_Slot], lexicon: EventLexicon
) -> list[_Slot]:
    """ "dismissed U.S. reports that Russia was preparing to invade Ukraine", "warnte Peking, Taiwan zu
    …", "urged Beijing to rein in North Korea": the one answered, warned or asked is named before the
    infinitive; actors inside it are its content.
    """
    marker = "to" if lexicon.language == "en" else ","
    end = next((i for i in range(match.last + 1, len(lowers)) if lowers[i] == marker), -1)
    if end < 0 or not any(match.last < t.first < end for t in targets):
        return targets
    return [t for t in targets if t.first < end]


def _domestic_meeting(
    lowers: list[str], match: TriggerMatch, slots: list[_Slot], lexicon: EventLexicon
) -> bool:
    """ "after a meeting of the government's Cobra committee", "a meeting of the cabinet": a meeting of a
    body (cue ``domestic_bodies``) with no actor named in its phrase is one state's own, no consultation."""
    bodies = lexicon.cues.get("domestic_bodies", frozenset())
    start = match.last + 1
    if not bodies or start >= len(lowers) or lowers[start] not in lexicon.prepositions["of"]:
        return False
    end = start + 1
    while end < len(lowers) and end <= start + 6 and lowers[end] not in _SEGMENT_BREAKS:
        end += 1
    phrase = lowers[start + 1 : end]
    if any(start < s.first < end for s in slots) or not lexicon.cues.get(
        "shared_bodies", frozenset()
    ).isdisjoint(phrase):
        return False  # "a meeting of the joint economic committee": both states' body (cue ``shared_bodies``)
    return not bodies.isdisjoint(phrase)


def _aimed_like_before(speaker_key: str | None, coded_before: list[Event]) -> ActorRef | None:
    """The target of the same speaker's last hostile event in the sentence, if any."""
    aimed = [
        e.target
        for e in coded_before
        if e.event_type in _HOSTILE_TYPES
        and e.target is not None
        and actor_key(e.source) == speaker_key
        and actor_key(e.target) != speaker_key
    ]
    return aimed[-1] if aimed else None


def _rejected_charge(lowers: list[str], match: TriggerMatch, lexicon: EventLexicon) -> int:
    """The index of the charge a denial answers right after its verb ("rejected the charge as absurd",
    "denied reports that …", "dismissed the accusations", "turned down requests from …", "wies die Vorwürfe
    … zurück"; cues ``claim_nouns`` and ``request_nouns``), else -1."""
    nouns = lexicon.cues.get("claim_nouns", frozenset()) | lexicon.cues.get("request_nouns", frozenset())
    verb = match.first  # "rejected … as": the object follows the verb, inside a split trigger
    index = verb + 1
    while index < len(lowers) and index in match.indices:  # "turned down": the verb's particle
        index += 1
    start = index
    while index < len(lowers) and index <= start + 1 and lowers[index] in lexicon.articles:
        index += 1
    if (
        index < len(lowers)
        and lowers[index] not in nouns
        and lowers[index] in lexicon.cues.get("repetition", frozenset())
    ):
        index += 1  # "turned down repeated requests from Canberra"
    return index if index < len(lowers) and lowers[index] in nouns else -1


def _accused(
    lowers: list[str], match: TriggerMatch, targets: list[_Slot], lexicon: EventLexicon
) -> list[_Slot]:
    """ "accused Iran of supplying drones to Russia", "warned against sending troops to Ukraine": what
    is charged or warned against is no party (cue ``charge``: the word that opens it, before a gerund)."""
    charge = lexicon.cues.get("charge", frozenset())
    end = next(
        (
            i
            for i in range(match.last + 1, len(lowers) - 1)
            if lowers[i] in charge and lowers[i + 1].endswith("ing")
        ),
        -1,
    )
    if end < 0 or not any(t.first < end for t in targets):
        return targets  # nobody named before the charge: its actors are the best guess
    return [t for t in targets if t.first < end]


_OWNER_JUDGED_TYPES = frozenset({"ACCUSE", "REJECT", "SUPPORT", "EVALUATE"})


def _judged_owner(
    lowers: list[str], match: TriggerMatch, slots: list[_Slot], sources: list[_Slot], lexicon: EventLexicon
) -> _Slot | None:
    """The possessor opening a judging verb's object ("condemned Russia's attack on Ukraine", "raised
    concerns about China's support for …"; English), else None."""
    if lexicon.language != "en":
        return None
    after = [s for s in slots if s.first > match.last and s not in sources]
    if not after:
        return None
    first = after[0]
    between = lowers[match.last + 1 : first.first]
    possessive = lowers[first.last].endswith(("'s", "’s")) or (
        first.last + 1 < len(lowers) and lowers[first.last + 1] in ("'s", "’s")
    )
    # "condemned the Russian strikes on Kyiv": a state's adjective before an event noun owns it too
    owning_adjective = first.last + 1 < len(lowers) and (
        (_is_adjective(first.mention) and bool(lexicon.named_types(lowers[first.last + 1])))
        # "dismissed U.S. intelligence reports about …", "rejected Chinese claims": their words
        or lowers[first.last + 1] in lexicon.cues.get("claim_nouns", frozenset())
    )
    if len(between) > 3 or not (possessive or owning_adjective):
        return None
    if not all(w in lexicon.articles or w in lexicon.prepositions["all"] for w in between):
        return None
    return first


_OWNER_REACH = 8  # tokens from the judging verb to the owner of what it judges


def _genitive_s(slot: _Slot) -> bool:
    """Whether a German name may be a genitive in "-s" ("Chinas", "Litauens"): it ends in "s" and is no
    adjective."""
    return slot.mention.surface.endswith("s") and not _is_adjective(slot.mention)


def _judged_genitive(
    tokens: list[Token], match: TriggerMatch, slots: list[_Slot], sources: list[_Slot], lexicon: EventLexicon
) -> _Slot | None:
    """German: the genitive owner of an act noun that opens a judging verb's object ("begrüßte die
    Entscheidung der Nato gegen Russland", "kritisierte den Beschluss Chinas", "sprach von einem Angriff des
    Regimes in Minsk auf Litauen", "kritisierte Russlands Vorgehen gegen …"), else None. Only nouns whose
    genitive names the one who acts (cue ``owned_act_nouns``): "die Ausweisung des Botschafters" names the
    one it befalls."""
    nouns = lexicon.cues.get("owned_act_nouns", frozenset())
    if not nouns:
        return None
    after = [s for s in slots if s.first > match.first and s not in sources and s.first not in match.indices]
    if not after or after[0].first - match.first > _OWNER_REACH:
        return None
    first = after[0]
    lowers_between = [t.lower for t in tokens[match.first + 1 : first.first]]
    if any(w in _SEGMENT_BREAKS or w == "," for w in lowers_between):
        return None
    genitive_s = _genitive_s(first)
    # "kritisierte Russlands Vorgehen": a genitive before the noun
    if genitive_s and first.last + 1 < len(tokens) and tokens[first.last + 1].lower in nouns:
        return first
    # the act noun right before the genitive: "Entscheidung der Nato", "Beschluss Chinas", "Angriff des
    # Regimes in Minsk" (an institution in its capital)
    index = first.first - 1
    if first.prep is not None and first.prep in lexicon.prepositions["locative"]:
        if index - 1 <= match.first or tokens[index - 1].lower not in lexicon.cues.get(
            "institutions", frozenset()
        ):
            return None
        index -= 2
    elif first.prep is not None:
        return None
    genitive_articles = lexicon.cues.get("genitive_articles", frozenset())
    article = False  # a genitive article between the noun and the owner: "Entscheidung der Nato"
    while index > match.first and (
        tokens[index].lower in genitive_articles
        or (not tokens[index].is_capitalised and index not in match.indices)
    ):
        article = article or tokens[index].lower in genitive_articles
        index -= 1
    if index <= match.first or tokens[index].lower not in nouns:
        return None
    if not article and not genitive_s:
        return None
    if index < first.first - 1 and not article:
        return None  # "den Beschluss gegenüber Chinas …": only an article and adjectives between
    return first


def _relative_object(
    lowers: list[str], match: TriggerMatch, slots: list[_Slot], lexicon: EventLexicon
) -> bool:
    """ "…, which Blinken condemned", "…, which Beijing called a provocation": a response whose object is
    the relative pronoun right before its subject (English; the subject is one actor's words)."""
    if lexicon.language != "en" or (
        match.trigger.event_type not in _RESPONSES and match.trigger.event_type != "SUPPORT"
    ):
        return False
    subject = max(
        (s for s in slots if s.prep is None and s.last < match.first), key=lambda s: s.first, default=None
    )
    if subject is None or match.first - subject.last > 2:
        return False
    index = subject.first - 1
    while index >= 0 and lowers[index] in lexicon.articles:
        index -= 1
    return index >= 1 and lowers[index] in ("which", "whom") and lowers[index - 1] == ","


def _givers(
    tokens: list[Token], lowers: list[str], match: TriggerMatch, slots: list[_Slot], lexicon: EventLexicon
) -> list[_Slot]:
    """The "from X" actors of a received act ("received support from X", "erhielt Hilfe von X"), else []."""
    giving = lexicon.prepositions["from"] | lexicon.prepositions["of"]
    if match.trigger.inverse:
        # "at the request of Kenya", "auf Bitten Berlins" (a genitive right after the phrase)
        after = [
            s
            for s in slots
            # inside a gapped phrase too: "calls from Israel for …"
            if match.first < s.first <= match.last + 4
            and s.first not in match.indices
            and (s.prep is None or s.prep_index >= match.first)
        ]
        return _with_coordinated(after[0], slots, tokens, lexicon) if after else []
    receipt = lexicon.cues.get("receipt", frozenset())
    if not receipt or receipt.isdisjoint(lowers[max(0, match.first - 3) : match.last + 1]):
        return []
    # "erhält von den USA weitere Waffen": inside a gapped phrase too
    after = [
        s
        for s in slots
        if s.first > match.first
        and s.first not in match.indices
        and s.prep in giving
        and s.prep_index <= match.last + 4
    ]
    if not after:
        return []
    return _with_coordinated(after[0], slots, tokens, lexicon)


def _unique_refs(actors: list[ActorRef]) -> list[ActorRef]:
    """One actor per side, first mention first."""
    seen: dict[str | None, ActorRef] = {}
    for actor in actors:
        seen.setdefault(actor_key(actor), actor)
    return [a for k, a in seen.items() if k is not None]


def _unique(slots: list[_Slot]) -> list[_Slot]:
    """The slots without repeats (by identity), first first."""
    seen: set[int] = set()
    out = []
    for slot in slots:
        if id(slot) not in seen:
            seen.add(id(slot))
            out.append(slot)
    return out


def _with_coordinated(
    head: _Slot, slots: list[_Slot], tokens: list[Token], lexicon: EventLexicon
) -> list[_Slot]:
    """``head`` and the actors joined to it ("Greece and Egypt", "Russland, China und Iran"), once each."""
    return _unique([head, *_coordinated(head, slots, tokens, lexicon)])


def _unattributed(lowers: list[str], start: int, lexicon: EventLexicon) -> list[str]:
    """The words from ``start`` without the places that only say where news comes from ("nach Angaben
    aus Washington", "aus Diplomatenkreisen in Brüssel"): those are no destinations."""
    sources = lexicon.cues.get("attribution_nouns")
    words = lowers[start:]
    if not sources:
        return words
    out = list(words)
    for index in range(start + 2, len(lowers)):
        if lowers[index - 1] in ("aus", "in") and (
            lowers[index - 2] in sources or lowers[index - 2].endswith("kreisen")
        ):
            out[index - start] = ""
    return out


def _visited_country(places: list[Place], after: list[str], source: str | None) -> str | None:
    """The country of the first place of the sentence named in ``after`` (the words after the
    trigger), unless it is the source's."""
    for place in places:
        if place.country and place.country != source and place.name.split()[0].lower() in after:
            return place.country
    return None


def _place_in(places: list[Place], lowers: list[str]) -> bool:
    """Whether one of the sentence's places with a country is named in ``lowers``."""
    return any(p.country and p.name.split()[0].lower() in lowers for p in places)
