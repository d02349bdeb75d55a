import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { RunRecord } from '../bulk/journal-records.ts';
import { readJournal } from '../bulk/read-journal.ts';
import type { RowMapping } from '../bulk/row-mapping.ts';
import { createRowStates, type RowStates } from '../bulk/row-states.ts';
import type { BulkCommand } from '../command.ts';
import { badInput } from '../exit-codes.ts';
import { describeFsError } from '../fs-error.ts';
import { formatOf, type RowFormat } from '../input/open-rows.ts';
import { fromBodies, readTemplates, type Templates } from '../read-templates.ts';

/** What a bulk run works from: the file, how rows become messages, and the outcomes so far. */
export interface Plan {
  readonly path: string;
  readonly format: RowFormat;
  readonly delimiter?: string;
  readonly mapping: RowMapping;
  readonly skipInvalid: boolean;
  readonly allowWarnings: boolean;
  readonly templates?: Templates;
  readonly states: RowStates;
  /** The run being resumed. */
  readonly resumed?: RunRecord;
  readonly resultsPath: string;
}

/** Whether an error comes from the file system (a code, or Deno's named errors), not from the file's content. */
export const isFsError = (error: unknown): boolean =>
  (error as { code?: unknown } | null)?.code !== undefined ||
  ['NotFound', 'NotCapable', 'PermissionDenied'].includes((error as Error | null)?.name ?? '');

const exists = (path: string): Promise<boolean> =>
  stat(path).then(
    () => true,
    () => false,
  );

function mappingOf(command: BulkCommand): RowMapping {
  const toColumn = command.toColumn ?? 'to';
  if (command.text !== undefined) {
    return {
      kind: 'text',
      toColumn,
      text: command.text,
      ...(command.previewUrl ? { previewFirstUrl: true } : {}),
    };
  }
  if (command.template !== undefined) {
    return {
      kind: 'template',
      toColumn,
      template: command.template,
      paramColumns: command.paramColumns,
      params: command.params,
    };
  }
  return { kind: 'row', toColumn };
}

/**
 * The plan of `bulk`: from the flags for a new run (refusing an existing results file), or from the results
 * file for `--resume`, whose first line holds the run's settings and whose rows hold the outcomes so far.
 */
export async function plan(command: BulkCommand): Promise<Plan> {
  if (command.resume !== undefined) {
    const resultsPath = command.resume;
    let journal: Awaited<ReturnType<typeof readJournal>>;
    try {
      journal = await readJournal(resultsPath);
    } catch (error) {
      const why = isFsError(error) ? describeFsError(error) : (error as Error).message;
      throw badInput(`cannot resume from ${resultsPath}: ${why}`, error);
    }
    const { run, states } = journal;
    return {
      path: command.file === undefined ? run.file : resolve(command.file),
      format: run.format,
      ...(run.delimiter === undefined ? {} : { delimiter: run.delimiter }),
      mapping: run.mapping,
      skipInvalid: run.skipInvalid,
      allowWarnings: run.allowWarnings === true,
      ...(run.templates ? { templates: fromBodies(run.templates, resultsPath) } : {}),
      states,
      resumed: run,
      resultsPath,
    };
  }
  const resultsPath = command.results ?? 'results.jsonl';
  if (!command.dryRun && (await exists(resultsPath))) {
    throw badInput(
      `${resultsPath} already exists: continue that run with --resume ${resultsPath}, or pass --results NEW.jsonl`,
    );
  }
  const path = resolve(command.file!);
  const format = command.format ?? formatOf(path);
  if (!format)
    throw badInput(`cannot tell the format of ${command.file}; name it .csv or .jsonl, or pass --format`);
  const templates = command.templates === undefined ? undefined : await readTemplates(command.templates);
  return {
    path,
    format,
    ...(command.delimiter === undefined ? {} : { delimiter: command.delimiter }),
    mapping: mappingOf(command),
    skipInvalid: command.skipInvalid,
    allowWarnings: command.allowWarnings,
    ...(templates ? { templates } : {}),
    states: createRowStates(),
    resultsPath,
  };
}
