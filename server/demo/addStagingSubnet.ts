import { associateNetworkAcl } from './buildNetworkAcl.ts'
import { associateRouteTable } from './buildRouteTable.ts'
import { buildInstance } from './buildInstance.ts'
import { buildSubnet } from './buildSubnet.ts'
import { nameOf } from './demoBuilder.ts'
import { replaceWhere } from './replaceWhere.ts'
import type { StoryStep } from './storyStep.ts'
import { vpcRef } from './vpcRef.ts'

/** Version 3: staging grows into a third AZ: a private subnet in us-east-1c with two app instances. */
export const addStagingSubnet: StoryStep = {
  title: 'staging-private-c added',
  summary: 'A new private subnet staging-private-c (10.1.48.0/20, us-east-1c) on the staging private route table, with staging-app-2 and staging-app-3.',
  apply(b) {
    const { ec2 } = b.inv
    const vpc = ec2.Vpcs.find((v) => nameOf(v) === 'staging')
    if (!vpc) throw new Error('demo story: VPC staging not found')
    const ref = vpcRef(vpc)
    const subnet = buildSubnet(b, ref, 'private', 'us-east-1c')
    replaceWhere(ec2.RouteTables, (t) => nameOf(t) === 'staging-private-rt', (t) => associateRouteTable(b, t, subnet.SubnetId), 'staging-private-rt')
    // A new subnet joins the VPC's default NACL, which lists it among its associations.
    replaceWhere(ec2.NetworkAcls, (a) => a.VpcId === ref.vpcId && a.IsDefault === true, (a) => associateNetworkAcl(b, a, subnet.SubnetId), 'staging default NACL')
    const appSg = ec2.SecurityGroups.find((g) => g.GroupName === 'staging-app-sg')
    if (!appSg) throw new Error('demo story: staging-app-sg not found')
    const groups = [{ GroupId: appSg.GroupId, GroupName: 'staging-app-sg' }]
    for (const name of ['staging-app-2', 'staging-app-3']) {
      buildInstance(b, { name, vpc: ref, subnet, groups, instanceType: 't3.large', role: 'app' })
    }
  },
}
