/**
 * How many SQL statements this thread has sent to the database (transaction begins and commits
 * included), for the bench's "statements per delivery". A counter, so it costs nothing.
 */
let sent = 0;

export function countSqlStatements(count = 1): void {
  sent += count;
}

export function sqlStatementsSent(): number {
  return sent;
}
