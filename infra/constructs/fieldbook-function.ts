import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { tableDefinition } from '../../lib/store/table.js';
import { lambdaBundling } from '../bundling.js';
import { projectPath, projectRoot } from '../project-paths.js';
import { readSettings } from '../settings.js';

const shellQuote = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;

/** How much of the table a function may touch. */
/** read: the read actions; read-write: plus single-item writes; erase: plus BatchWriteItem (a purge deletes a customer's items in batches). */
export type TableAccess = 'read' | 'read-write' | 'erase';

/**
 * Item-level actions only, never Scan. TransactWriteItems has no IAM action of
 * its own: each item of a transaction is authorized by PutItem, UpdateItem,
 * DeleteItem or ConditionCheckItem.
 */
const readActions = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'];
const writeActions = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'];

/** The table's indexes, named: Query is granted on each, never on `index/*`. */
const indexNames = [tableDefinition.gsi1.name, tableDefinition.gsi2.name, tableDefinition.gsi3.name];

export interface FieldbookFunctionProps {
  /** Handler module, relative to the repository root (as in lib/routes.ts). */
  entry: string;
  description?: string;
  /** Default 1024 MB: CPU scales with memory, and cold-start parsing of the bundle is CPU-bound. */
  memorySize?: number;
  /** Default 10 s: well under API Gateway's 29 s, long enough for SDK retries on a throttled table. */
  timeout?: Duration;
  environment?: Record<string, string>;
  /** Packages left out of this function's bundle (each must only be imported lazily, on a path this deployment never takes). */
  excludeModules?: string[];
}

/**
 * The house Lambda: Node 24 on arm64, bundled locally with esbuild from the
 * options the bench measures (infra/bundling.ts), its own log group with
 * retention, source-mapped stack traces. Modelled on the Powertools for AWS
 * Lambda example app's FunctionWithLogGroup.
 *
 * Its role is its own, without the AWS managed AWSLambdaBasicExecutionRole
 * (logs:CreateLogGroup and friends on every log group of the account): it
 * may write to its one log group and nothing else.
 */
export class FieldbookFunction extends nodejs.NodejsFunction {
  constructor(scope: Construct, id: string, props: FieldbookFunctionProps) {
    const settings = readSettings(scope.node);
    // Created beside the function (not inside it) because they must exist before super() returns.
    const logGroup = new logs.LogGroup(scope, `${id}Logs`, {
      retention: settings.logRetention,
      // Logs are operational and retention-bound; the data that matters (the table) is retained.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const role = new iam.Role(scope, `${id}Role`, {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${id}`,
    });
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroup.logGroupArn] }),
    );
    super(scope, id, {
      entry: projectPath(props.entry),
      handler: 'handler',
      description: props.description,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 1024,
      timeout: props.timeout ?? Duration.seconds(10),
      environment: { NODE_OPTIONS: '--enable-source-maps', ...props.environment },
      logGroup,
      role,
      projectRoot,
      depsLockFilePath: projectPath('package-lock.json'),
      bundling: {
        minify: lambdaBundling.minify,
        sourceMap: lambdaBundling.sourceMap,
        sourcesContent: lambdaBundling.sourcesContent,
        target: lambdaBundling.target,
        format: nodejs.OutputFormat.ESM,
        externalModules: [...lambdaBundling.externalModules, ...(props.excludeModules ?? [])],
        banner: lambdaBundling.banner,
        mainFields: lambdaBundling.mainFields,
        // Synth must work offline and without Docker: esbuild comes from node_modules.
        forceDockerBundling: false,
        // The metafile tells which data files (infra/data-files.json) the bundle reads; the hook ships those beside it.
        metafile: true,
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (inputDir: string, outputDir: string) => [
            `node ${shellQuote(`${inputDir}/infra/copy-data-files.mjs`)} ${shellQuote(inputDir)} ${shellQuote(outputDir)}`,
          ],
        },
      },
    });
  }

  /**
   * Gives the function the table's name and exactly the actions its access
   * needs: items on the table, and Query on its indexes (GSIs are authorized
   * on their own ARNs).
   */
  bindTable(table: ITableV2, access: TableAccess): this {
    this.addEnvironment('TABLE_NAME', table.tableName);
    const actions = access === 'read' ? readActions : access === 'read-write' ? [...readActions, ...writeActions] : [...readActions, ...writeActions, 'dynamodb:BatchWriteItem'];
    this.addToRolePolicy(new iam.PolicyStatement({ actions, resources: [table.tableArn] }));
    this.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['dynamodb:Query'], resources: indexNames.map((name) => `${table.tableArn}/index/${name}`) }),
    );
    return this;
  }
}
