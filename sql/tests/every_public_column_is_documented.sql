-- Ad-hoc SQL users read the warehouse's documentation from duckdb_columns().
select table_name, column_name
from duckdb_columns()
where schema_name = 'main'
  and not internal
  and database_name = current_database()
  and not (table_name like 'stg\_%' escape '\' or table_name like 'int\_%' escape '\')
  and table_name not like 'raw\_%' escape '\'
  and comment is null
