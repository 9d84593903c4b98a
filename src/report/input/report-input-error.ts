/** A run folder the report cannot be built from (missing, no journals, unreadable files). */
export class ReportInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReportInputError';
  }
}
