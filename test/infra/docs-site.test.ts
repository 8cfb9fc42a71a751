import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { DocsSite } from '../../infra/constructs/docs-site.js';
import type { FieldbookStack } from '../../infra/stack.js';
import { buildOpenApiDocument, serializeDocument } from '../../lib/openapi/document.js';
import { docsContentSecurityPolicy } from '../../lib/openapi/docs-site.js';
import { synthFieldbook, type CfnResource } from './synth.js';

const MANAGED_CACHING_OPTIMIZED = '658327ea-f89d-4fab-a63d-7e88639e58f6';

let stack: FieldbookStack;
let template: Template;
let outdir: string;
let resources: Record<string, CfnResource>;
let docs: DocsSite;

beforeAll(() => {
  // Function bundling is not what this file checks: skip it (the docs need none).
  const synth = synthFieldbook({ bundle: false });
  stack = synth.stack;
  template = synth.template;
  outdir = synth.app.synth().directory;
  resources = template.toJSON().Resources as Record<string, CfnResource>;
  docs = stack.node.findAll().find((c): c is DocsSite => c instanceof DocsSite)!;
}, 300_000);

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const logicalIdOf = (c: { node: { defaultChild?: unknown } }) => stack.getLogicalId(c.node.defaultChild as never);

describe('docs site', () => {
  it('is wired into the stack', () => {
    expect(docs).toBeDefined();
  });

  it('keeps its files in a private, SSL-only bucket', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
    });
    const bucketId = logicalIdOf(docs.bucket);
    const [[, policy]] = ofType('AWS::S3::BucketPolicy').filter(([, p]) => JSON.stringify(p.Properties!.Bucket).includes(bucketId)) as [[string, CfnResource]];
    const statements = (policy.Properties!.PolicyDocument as { Statement: Record<string, any>[] }).Statement;
    expect(statements).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        // Only CloudFront, and only this distribution, may read it.
        expect.objectContaining({
          Effect: 'Allow',
          Principal: { Service: 'cloudfront.amazonaws.com' },
          Action: 's3:GetObject',
          Condition: { StringEquals: { 'AWS:SourceArn': expect.anything() } },
        }),
      ]),
    );
    const readers = statements.filter((s) => s.Effect === 'Allow' && s.Action === 's3:GetObject');
    expect(JSON.stringify(readers)).toContain(logicalIdOf(stack.edge.distribution));
  });

  it('serves /docs* and /openapi.json from the bucket through CloudFront: GET/HEAD, cached, with the same-origin CSP', () => {
    const [[, distribution]] = ofType('AWS::CloudFront::Distribution') as [[string, CfnResource]];
    const config = distribution.Properties!.DistributionConfig as Record<string, any>;
    const s3Origin = (config.Origins as Record<string, any>[]).find((o) => o.S3OriginConfig);
    expect(s3Origin).toBeDefined();
    expect(s3Origin!.OriginAccessControlId).toBeDefined();
    expect(JSON.stringify(s3Origin!.DomainName)).toContain(logicalIdOf(docs.bucket));

    const behaviors = config.CacheBehaviors as Record<string, any>[];
    expect(behaviors.map((b) => b.PathPattern).sort()).toEqual(['/docs*', '/openapi.json']);
    for (const b of behaviors) {
      expect(b).toMatchObject({
        TargetOriginId: s3Origin!.Id,
        ViewerProtocolPolicy: 'https-only',
        AllowedMethods: ['GET', 'HEAD'],
        CachePolicyId: MANAGED_CACHING_OPTIMIZED,
        Compress: true,
      });
      expect(b.FunctionAssociations).toBeUndefined(); // no seed-URL rewrite on static files
    }
    // The API stays the default behavior.
    expect(config.DefaultCacheBehavior.TargetOriginId).not.toBe(s3Origin!.Id);

    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          ContentSecurityPolicy: { ContentSecurityPolicy: docsContentSecurityPolicy, Override: true },
          ContentTypeOptions: { Override: true },
        }),
      }),
    });
    expect(docsContentSecurityPolicy).toContain("default-src 'self'");
  });

  it('deploys the page as text/html at the key "docs", and every file, invalidating the cache', () => {
    const deployments = ofType('Custom::CDKBucketDeployment');
    expect(deployments).toHaveLength(2);
    const page = deployments.filter(([, d]) => d.Properties!.SystemMetadata);
    expect(page).toHaveLength(1);
    expect(page[0]![1].Properties).toMatchObject({ SystemMetadata: { 'content-type': 'text/html; charset=utf-8' } });
    for (const [, d] of deployments) {
      expect(d.Properties).toMatchObject({
        DestinationBucketName: { Ref: logicalIdOf(docs.bucket) },
        Prune: false,
        DistributionId: { Ref: logicalIdOf(stack.edge.distribution) },
        DistributionPaths: ['/docs*', '/openapi.json'],
      });
    }
    expect(docs.files.map((f) => f.key).sort()).toEqual(
      ['docs', 'docs/assets/docs.js', 'docs/assets/swagger-ui-bundle.js', 'docs/assets/swagger-ui.css', 'openapi.json'],
    );
  });

  it('uploads the OpenAPI document the code generates (the committed docs/openapi.json)', () => {
    const expected = serializeDocument(buildOpenApiDocument());
    expect(readFileSync(path.resolve('docs/openapi.json'), 'utf8')).toBe(expected);
    // Source.data stages each file in an asset directory of the cloud assembly.
    const staged = readdirSync(outdir)
      .filter((d) => d.startsWith('asset.'))
      .map((d) => path.join(outdir, d, 'openapi.json'))
      .filter((f) => existsSync(f));
    expect(staged.length).toBe(1);
    expect(readFileSync(staged[0]!, 'utf8')).toBe(expected);
  });

  it('loads the docs page assets only from its own origin', () => {
    const page = docs.files.find((f) => f.key === 'docs')!.body;
    const urls = [...page.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(url, url).toMatch(/^(\/docs\/assets\/|data:)/);
  });
});
