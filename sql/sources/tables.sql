-- Tables the Python pipeline writes. Everything else is built from these by the models.
-- Idempotent: created once, then loaded by every run inside one transaction.
--
-- A column is declared here once. A warehouse of an older release gains the columns added since
-- (`model_runner.create_source_tables`); the rows loaded before keep NULL there until their
-- file changes: a casualty figure without `part_of` is a whole figure, a claim without
-- sentence offsets has its sentence unknown, an event without `summary` none; a statement
-- read before a pronoun's speaker was told apart keeps its resolved name as `speaker` and NULL
-- `source_name`, one read before sources were keyed NULL `source_key` and `source_kind`, and
-- one read before its spans were kept NULL spans (and `is_quote` as `stg_statements` infers
-- it), and a document read before story keys were kept NULL `lead_keys` (`stg_documents`
-- takes its `lead_regions`, which then still hold the regions of names).
--
-- The per-document and per-file tables declare no primary key. Their keys are kept by the
-- loader (corroborate/load.py inserts a document once and replaces a document's or a file's rows)
-- and checked after every build (sql/tests/source_keys_are_unique.sql). A key's index stays in
-- memory until the build's one checkpoint and grows with the corpus: at 100,000 documents the
-- indexes held 210 MB, more than loading's whole share of memory (`LOAD_MEMORY_LIMIT` in
-- flows/pipeline.py), and a build that fills its limit with them fails.

create table if not exists raw_documents (
    doc_id              varchar not null,
    source_file         varchar not null,
    source_id           varchar not null,
    title               varchar,
    outlet              varchar,
    url                 varchar,
    published_at        timestamptz,
    published_precision varchar,
    published_basis     varchar not null,
    text                varchar not null,
    char_count          bigint not null,
    first_run_id        varchar not null,
    lead_regions        varchar[],
    lead_keys           varchar[],
    minhash             bigint[],
    story_terms         varchar[],
    story_weights       double[],
);

create table if not exists document_sources (
    doc_id       varchar not null,
    source_file  varchar not null,
    source_id    varchar not null,
    file_sha256  varchar not null,
    file_size    bigint not null,
    file_mtime   timestamptz not null,
    record_index bigint not null,
    format       varchar not null,
    run_id       varchar not null,
);

create table if not exists rejected (
    source_file varchar not null,
    source_id   varchar,
    stage       varchar not null,
    reason      varchar not null,
    detail      varchar not null,
    run_id      varchar not null,
);

create table if not exists quarantine (
    table_name    varchar not null,
    doc_id        varchar,
    record_key    varchar not null,
    record        varchar not null,
    failed_checks varchar not null,
    run_id        varchar not null,
);

create table if not exists raw_casualty_claims (
    claim_id        varchar not null,
    doc_id          varchar not null,
    outcome         varchar not null,
    count_low       bigint,
    count_high      bigint,
    qualifier       varchar not null,
    victim          varchar,
    side            varchar,
    speaker         varchar,
    speaker_country varchar,
    time_reference  varchar not null,
    reference_year  bigint,
    evidence        varchar not null,
    char_start      bigint not null,
    char_end        bigint not null,
    part_of         varchar,
    sentence_start  bigint,
    sentence_end    bigint,
);

create table if not exists raw_event_claims (
    claim_id        varchar not null,
    doc_id          varchar not null,
    event_type      varchar not null,
    occurred_start  timestamptz not null,
    occurred_end    timestamptz not null,
    precision       varchar not null,
    time_text       varchar not null,
    place           varchar,
    place_country   varchar,
    speaker         varchar,
    speaker_country varchar,
    time_reference  varchar not null,
    reference_year  bigint,
    evidence        varchar not null,
    char_start      bigint not null,
    char_end        bigint not null,
    sentence_start  bigint,
    sentence_end    bigint,
    summary         varchar,
);

create table if not exists raw_statements (
    claim_id        varchar not null,
    doc_id          varchar not null,
    speaker         varchar,
    source_name     varchar,
    source_key      varchar,
    source_kind     varchar,
    speaker_country varchar,
    stance          varchar not null,
    target_country  varchar,
    content         varchar not null,
    is_quote        boolean,
    evidence        varchar not null,
    char_start      bigint not null,
    char_end        bigint not null,
    source_start    bigint,
    source_end      bigint,
    cue_start       bigint,
    cue_end         bigint,
    content_start   bigint,
    content_end     bigint,
);

create table if not exists raw_time_expressions (
    doc_id     varchar not null,
    char_start bigint not null,
    char_end   bigint not null,
    text       varchar not null,
    type       varchar not null,
    value      varchar not null,
    start_utc  timestamptz,
    end_utc    timestamptz,
    precision  varchar,
    evidence   varchar not null,
);

create table if not exists runs (
    run_id              varchar primary key,
    started_at          timestamptz not null,
    finished_at         timestamptz,
    status              varchar not null,
    inputs              varchar,
    files_seen          bigint,
    documents_seen      bigint,
    documents_new       bigint,
    rejected            bigint,
    quarantined         bigint,
    casualty_claims     bigint,
    event_claims        bigint,
    statements          bigint,
    time_expressions    bigint,
    seconds_ingest      double,
    seconds_extract     double,
    seconds_validate    double,
    seconds_load        double,
    seconds_build       double,
);

-- One row per input file a run has read: what it looked like then, so later runs skip it
-- cheaply (size and mtime first, the content hash to confirm a change).
create table if not exists source_files (
    source_file varchar not null,
    file_size   bigint not null,
    file_mtime  timestamptz not null,
    file_sha256 varchar not null,
    run_id      varchar not null,
);
