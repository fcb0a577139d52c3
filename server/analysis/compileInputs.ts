/** The SDK shapes compileModel reads from `raw`, gathered so the compiler imports one place. */
export type {
  Action, InternetGateway, Listener, LoadBalancer, NetworkAcl, NetworkInterface, PrefixListEntry, Resource, RouteTable, Rule,
  SecurityGroupRule, Snapshot, Subnet, TargetHealthDescription, Vpc, VpcPeeringConnection,
} from '../../shared/index.ts'

/** `attributes` of an `elastic-ip` resource (server/snapshot/resourcesFromRegion.ts). */
export interface ElasticIpAttrs { publicIp: string | null; associated: boolean }
