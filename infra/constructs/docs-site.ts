import { Duration, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { docsContentSecurityPolicy, docsPath, docsSiteFiles, openApiPath, type DocsSiteFile } from '../../lib/openapi/docs-site.js';
import type { FieldbookParts } from './fieldbook-parts.js';

/**
 * GET /openapi.json and GET /docs (+ assets) without a key, in the cloud: the
 * files the local server serves (lib/openapi/docs-site.ts, generated from the
 * code at synth) in a private bucket, behind the API's own CloudFront
 * distribution, so the page's origin is the API's and "Try it out" calls it.
 * Static files need no Lambda; CloudFront reads the bucket through an origin
 * access control and adds the CSP that keeps the page from loading anything
 * from elsewhere.
 */
export class DocsSite extends Construct {
  readonly bucket: s3.Bucket;
  readonly files: readonly DocsSiteFile[];

  constructor(scope: Construct, id: string, parts: Pick<FieldbookParts, 'edge'>) {
    super(scope, id);
    // Throws if a route lacks its response schema: synth fails rather than deploying incomplete docs.
    this.files = docsSiteFiles();

    this.bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: parts.edge.logBucket,
      serverAccessLogsPrefix: 's3/docs/',
      // Everything in it is generated from the repository at each deploy.
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });

    const headers = new cloudfront.ResponseHeadersPolicy(this, 'Headers', {
      comment: 'Fieldbook docs: same-origin only',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: docsContentSecurityPolicy, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
      },
    });
    const origin = origins.S3BucketOrigin.withOriginAccessControl(this.bucket);
    const behavior: cloudfront.AddBehaviorOptions = {
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
      cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
      responseHeadersPolicy: headers,
      compress: true,
    };
    parts.edge.distribution.addBehavior(`${docsPath}*`, origin, behavior);
    parts.edge.distribution.addBehavior(openApiPath, origin, behavior);

    // The page lives at the key "docs" (no extension, so /docs needs no rewrite function): it gets
    // its content type from a deployment of its own; every other file's comes from its extension.
    // No pruning, so the two deployments never delete each other's files.
    const page = this.files.find((f) => f.urlPath === docsPath)!;
    const invalidate = { distribution: parts.edge.distribution, distributionPaths: [`${docsPath}*`, openApiPath] };
    new s3deploy.BucketDeployment(this, 'Page', {
      destinationBucket: this.bucket,
      sources: [s3deploy.Source.data(docsPath.slice(1), page.body)],
      contentType: page.contentType,
      prune: false,
      ...invalidate,
    });
    new s3deploy.BucketDeployment(this, 'Files', {
      destinationBucket: this.bucket,
      sources: this.files.filter((f) => f !== page).map((f) => s3deploy.Source.data(f.key, f.body)),
      prune: false,
      ...invalidate,
    });
    acknowledgeBucketDeploymentHandler(Stack.of(this), this.bucket);
  }
}

/**
 * BucketDeployment runs one CDK-owned singleton Lambda per stack (a child of
 * the stack, not of this construct). Its findings are CDK's design, not ours
 * to change, and it only runs during deploys.
 */
function acknowledgeBucketDeploymentHandler(stack: Stack, bucket: s3.Bucket) {
  const handler = stack.node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
  if (!handler) return;
  const acknowledge = (id: string, reason: string) => Validations.of(handler).acknowledge({ id, reason });
  acknowledge(
    'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    'CDK-owned BucketDeployment handler: aws-cdk-lib gives its role the basic execution policy (its own logs) and exposes no way to replace it.',
  );
  const s3Reason =
    'CDK-owned BucketDeployment handler: aws-cdk-lib grants it the S3 read actions on the CDK asset bucket and read/write on the docs bucket (object wildcards within those two buckets only); it runs only during deploys.';
  for (const finding of [
    'Action::s3:GetBucket*',
    'Action::s3:GetObject*',
    'Action::s3:List*',
    'Action::s3:Abort*',
    'Action::s3:DeleteObject*',
    `Resource::<${stack.getLogicalId(bucket.node.defaultChild as s3.CfnBucket)}.Arn>/*`,
    `Resource::arn:${Token.isUnresolved(stack.partition) ? '<AWS::Partition>' : stack.partition}:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-${stack.region}/*`,
  ]) {
    acknowledge(`AwsSolutions-IAM5[${finding}]`, s3Reason);
  }
  acknowledge(
    'AwsSolutions-IAM5[Resource::*]',
    'CDK-owned BucketDeployment handler: cloudfront:CreateInvalidation and GetInvalidation, which aws-cdk-lib grants on * (CloudFront invalidations have no resource-level scoping in its grant); deploy time only.',
  );
  acknowledge(
    'AwsSolutions-L1',
    'CDK-owned BucketDeployment handler: aws-cdk-lib picks its (Python) runtime and updates it with aws-cdk-lib; it runs only during deploys.',
  );
}
