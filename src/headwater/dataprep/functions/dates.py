"""Date and time functions (reference §6.4 "Date/time"): category ``Date / Time``.

``date`` reads text into a ``ZonedDateTime`` with a Java pattern describing the input, or, with
no pattern, with the platform's default formats tried in order (then ISO-8601 forms); ``format``
and ``dformat`` print with a Java pattern (see :mod:`date_patterns` for the letters and where
they follow the platform's documentation rather than ``java.time``). Date-times carry one zone
per column; a text with an offset is read into the same instant in UTC. Precision is the
microsecond (Java keeps nanoseconds). ``now()`` and ``timestamp()`` are taken when the
expression is compiled: one instant for every row.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from headwater.dataprep.functions.common import INTEGER, LONG, STRING, param
from headwater.dataprep.functions.date_compile import (
    c_date,
    c_date_part,
    c_dformat,
    c_format,
    c_make_date_time,
    c_now,
    c_set_date_part,
    c_timestamp,
    c_zone_date_to_utc,
    c_zone_date_to_zone,
)
from headwater.dataprep.functions.date_scalar import (
    s_date,
    s_date_part,
    s_dformat,
    s_format,
    s_make_date_time,
    s_set_date_part,
    s_zone_date_to_utc,
    s_zone_date_to_zone,
)
from headwater.dataprep.functions.registry import Compile, FunctionDef, Param

CATEGORY = "Date / Time"
ZONED = "java.time.ZonedDateTime"

_DATE = param("DATE", "The date-time.", ZONED)
_COMPONENT = param("COMPONENT", 'The part of the date-time, such as "year" or "mm".')
_MAKE = (
    param("YEAR", "The year, written in four digits (1-9999).", INTEGER),
    param("MONTH", "The month (1-12).", INTEGER),
    param("DAY", "The day of the month (1-31).", INTEGER),
    param("HOUR", "The hour (0-23).", INTEGER),
    param("MINUTE", "The minute (0-59).", INTEGER),
    param("SECOND", "The second (0-59).", INTEGER),
    param("NANOSECOND", "The nanosecond (0-999999999), kept to the microsecond.", INTEGER),
    param("TIMEZONE", 'The time zone ID, such as "America/Los_Angeles".'),
)


def _date_function(
    name: str,
    description: str,
    syntax: str,
    return_type: str,
    example: str,
    result: str,
    params: tuple[Param, ...],
    *,
    compile: Compile,
    scalar: Callable[..., Any] | None = None,
    aliases: tuple[str, ...] = (),
) -> FunctionDef:
    return FunctionDef(
        name=name,
        category=CATEGORY,
        description=description,
        syntax=syntax,
        return_type=return_type,
        example=example,
        result=result,
        params=params,
        compile=compile,
        scalar=scalar,
        aliases=aliases,
    )


FUNCTIONS: tuple[FunctionDef, ...] = (
    _date_function(
        "now",
        "The current date-time in UTC (taken once per compiled expression).",
        "ZonedDateTime now()",
        ZONED,
        "now()",
        "2021-10-26T10:10:24Z",
        (),
        compile=c_now,
    ),
    _date_function(
        "timestamp",
        "The current Unix time in milliseconds (taken once per compiled expression).",
        "long timestamp()",
        LONG,
        "timestamp()",
        "1571850624571",
        (),
        compile=c_timestamp,
    ),
    _date_function(
        "format",
        "Formats a date-time with a Java date/time pattern, in the date-time's own zone.",
        "String format(ZonedDateTime, String)",
        STRING,
        'format(date("2019-10-23T11:24:35Z"), "yyyy-MM-dd HH:mm:ss")',
        '"2019-10-23 11:24:35"',
        (_DATE, param("FORMAT", "The Java date/time pattern of the output (a literal).")),
        compile=c_format,
        scalar=s_format,
    ),
    _date_function(
        "dformat",
        "Formats a Unix time in milliseconds with a Java date/time pattern, in UTC.",
        "String dformat(long, String)",
        STRING,
        "dformat(1571829875000, \"yyyy-MM-dd'T'HH:mm:ss.SSSX\")",
        '"2019-10-23T11:24:35.000Z"',
        (
            param("TIMESTAMP", "Milliseconds since 1970-01-01T00:00Z.", LONG),
            param("FORMAT", "The Java date/time pattern of the output (a literal)."),
        ),
        compile=c_dformat,
        scalar=s_dformat,
    ),
    _date_function(
        "date",
        "Converts a date string into a ZonedDateTime. FORMAT describes the input; without it "
        "the default formats are tried in order. DEFAULT_DATE is returned when the input is "
        "null, empty or does not parse.",
        "ZonedDateTime date(String, String, ZonedDateTime)",
        ZONED,
        'date("2019-10-23 11:24", "yyyy-MM-dd HH:mm", now())',
        "2019-10-23T11:24:00Z",
        (
            param("DATE", "The string that represents the date."),
            param("FORMAT", "The Java pattern of the input (a literal).", optional=True),
            param("DEFAULT_DATE", "The date-time returned instead.", ZONED, optional=True),
        ),
        compile=c_date,
        scalar=s_date,
    ),
    _date_function(
        "date_part",
        "A part of a date-time as a number: year/yyyy/yy, quarter/qq/q, month/mm/m, "
        "dayofyear/dy/y, day/dd/d, week/ww/w (ISO week), weekday/dw (1 = Monday), "
        "hour/hh/hh24, hh12, minute/mi/n, second/ss/s, millisecond/ms/SSS.",
        "int date_part(String, ZonedDateTime)",
        INTEGER,
        'date_part("MM", date("2019-10-17 11:55:12"))',
        "10",
        (_COMPONENT, _DATE),
        compile=c_date_part,
        scalar=s_date_part,
    ),
    _date_function(
        "set_date_part",
        "Replaces a part of a date-time: year/yyyy/yy, month/mm/m, day/dd/d, hour/hh, "
        "minute/mi/n, second/ss/s (a shorter month keeps the day within it).",
        "ZonedDateTime set_date_part(String, int, ZonedDateTime)",
        ZONED,
        'set_date_part("m", 4, date("2016-11-09T11:44:44.797"))',
        "2016-04-09T11:44:44.797Z",
        (_COMPONENT, param("VALUE", "The new value of the part.", INTEGER), _DATE),
        compile=c_set_date_part,
        scalar=s_set_date_part,
    ),
    _date_function(
        "make_date_time",
        "Creates a date-time from its parts, in the given time zone.",
        "ZonedDateTime make_date_time(int, int, int, int, int, int, int, String)",
        ZONED,
        'make_date_time(2019, 10, 17, 11, 55, 12, 999, "America/Los_Angeles")',
        "2019-10-17T11:55:12-07:00[America/Los_Angeles]",
        _MAKE,
        compile=c_make_date_time,
        scalar=s_make_date_time,
        aliases=("make_timestamp",),
    ),
    _date_function(
        "zone_date_to_utc",
        "The same instant in UTC.",
        "ZonedDateTime zone_date_to_utc(ZonedDateTime)",
        ZONED,
        'zone_date_to_utc(make_date_time(2019, 10, 17, 11, 55, 12, 0, "America/Los_Angeles"))',
        "2019-10-17T18:55:12Z",
        (_DATE,),
        compile=c_zone_date_to_utc,
        scalar=s_zone_date_to_utc,
    ),
    _date_function(
        "zone_date_to_zone",
        "The same instant in another time zone (an IANA zone ID).",
        "ZonedDateTime zone_date_to_zone(ZonedDateTime, String)",
        ZONED,
        'zone_date_to_zone(make_date_time(2019, 10, 17, 11, 55, 12, 0, "America/Los_Angeles"), '
        '"Europe/Paris")',
        "2019-10-17T20:55:12+02:00[Europe/Paris]",
        (_DATE, param("ZONE", "The time zone ID to convert to (a literal).")),
        compile=c_zone_date_to_zone,
        scalar=s_zone_date_to_zone,
    ),
)
