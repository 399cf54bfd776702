"""The 16 measures of the inspiration catalogue (report chapter 7, Table 7.1 / Table 1.2).

Titles and themes are the report's own. The report prints only the headings (the catalogue itself is a
separate COWI document); the one-line explanation under each heading is our plain-words reading of that
heading.
"""

from __future__ import annotations

from dataclasses import dataclass

THEMES: dict[int, str] = {
    1: "Tiltag med borgeren",
    2: "Tiltag der styrker arbejdsgange, samarbejde og medarbejdernes kompetencer",
    3: "Organisatoriske og styringsmæssige tiltag",
}


@dataclass(frozen=True)
class Measure:
    number: int
    theme: int
    title: str
    gloss: str


MEASURES: tuple[Measure, ...] = (
    Measure(
        1,
        1,
        "Alle relevante aktører samles til samtaler med borgeren",
        "Borger, genoptræning, jobcenter og evt. arbejdsplads taler sammen om forløbet på samme tid.",
    ),
    Measure(
        2,
        1,
        "Beskæftigelsesrettede borgersamtaler i genoptræningsenheden",
        "Terapeuterne spørger til arbejdet og målet om at vende tilbage allerede under genoptræningen.",
    ),
    Measure(
        3,
        1,
        "Parallel indsats med genoptræning og tilbagevenden til arbejdet",
        "Genoptræning og gradvis tilbagevenden til arbejdet sker samtidig frem for efter hinanden.",
    ),
    Measure(
        4,
        1,
        "Hjemmeprogrammer med opfølgning og fri adgang til kommunens træningscenter",
        "Borgeren træner selv efter et program, følges op og kan bruge træningscentret uden for aftalt tid.",
    ),
    Measure(
        5,
        2,
        "Udviklingsmedarbejdere i genoptræningsenheden",
        "Medarbejdere med særligt ansvar for at udvikle og udbrede beskæftigelsesfokus i enheden.",
    ),
    Measure(
        6,
        2,
        "Medarbejdere med dobbeltfaglighed i jobcentret",
        "Fx terapeuter ansat i jobcentret, så sundhedsfaglig og beskæftigelsesfaglig viden mødes.",
    ),
    Measure(
        7,
        2,
        "Fremskudt medarbejderfunktion",
        "Medarbejdere fra jobcentret er fysisk til stede i genoptræningen (eller omvendt).",
    ),
    Measure(
        8,
        2,
        "Lægefaglige kompetencer i jobcentret",
        "Adgang til lægefaglig sparring i sagsbehandlingen af sygemeldte.",
    ),
    Measure(
        9,
        2,
        "Brobygningsforløb på tværs",
        "Faste forløb, der bygger bro mellem genoptræning, jobcenter og arbejdsplads.",
    ),
    Measure(
        10,
        2,
        "Standardiseret genoptræningsforløb som vejledning for borgerens indsats",
        "Forventet forløb og varighed beskrives, så borger og sagsbehandler ved, hvad der skal ske hvornår.",
    ),
    Measure(
        11,
        2,
        "Kiggeadgang til hinandens fagsystemer",
        "Genoptræning og jobcenter kan se relevante oplysninger i hinandens systemer.",
    ),
    Measure(
        12,
        3,
        "Fælles politisk og administrativ ledelse",
        "Sundheds- og beskæftigelsesområdet styres med fælles mål.",
    ),
    Measure(
        13,
        3,
        "Nøgletal til styring af fremdrift i sygedagpengeforløb",
        "Faste nøgletal følges, så lange sygedagpengeforløb opdages tidligt.",
    ),
    Measure(
        14, 3, "Tværkommunale klyngesamarbejder", "Kommuner deler viden, tilbud og erfaringer i klynger."
    ),
    Measure(
        15,
        3,
        "Etablering af fagligt visitationsteam",
        "Et tværfagligt team vurderer tidligt, hvilken indsats borgeren skal have.",
    ),
    Measure(
        16,
        3,
        "Fagspecialisering af medarbejdere",
        "Sagsbehandlere specialiseres i fx muskel-skeletlidelser for at opbygge ekspertise.",
    ),
)
